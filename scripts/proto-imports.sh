#!/usr/bin/env bash
# Links the Google protos the API's HTTP rules import (google/api/annotations.proto, http.proto) from the
# Google.Api.CommonProtos package, as restored by NuGet, into protos/.imports (not in git), so buf builds
# and lints the same files the C# build compiles. Run after `dotnet restore` (or any build).
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(grep -o '"Google.Api.CommonProtos" Version="[^"]*"' Directory.Packages.props | grep -o '[0-9][^"]*')
packages=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: *//')
source=${packages%/}/google.api.commonprotos/$version/content/protos/google/api
if [ ! -f "$source/annotations.proto" ]; then
  echo "Google.Api.CommonProtos $version is not restored ($source): run 'dotnet restore services/Protos' first" >&2
  exit 1
fi
mkdir -p protos/.imports/google/api
for file in annotations.proto http.proto; do
  ln -sfn "$source/$file" "protos/.imports/google/api/$file"
done
