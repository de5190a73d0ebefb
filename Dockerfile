# One image per service: docker build --build-arg SERVICE=Requests .
# (Requests, Verification, Handover, Operations, or Host for the embedded default.)
# An image holds no secret (.dockerignore keeps the demo files and secrets/ out of the build): a container is given
# its parties file and keys file at run time (docker-compose.yml mounts them from scripts/secrets.sh's folder).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG SERVICE
WORKDIR /src
COPY . .
# ReadyToRun: the code, the packages' included, is compiled ahead, so a container serves and reaches its steady rate
# without first spending seconds of CPU in the JIT (BENCHMARKS.md, "Warm from the start").
RUN dotnet publish services/${SERVICE} -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
ARG SERVICE
WORKDIR /app
COPY --from=build /app .
ENV SERVICE_DLL=Mediation.${SERVICE}.dll \
    ASPNETCORE_URLS=http://0.0.0.0:8080 \
    Mediation__DataDirectory=/data
EXPOSE 8080
VOLUME /data
ENTRYPOINT ["sh", "-c", "exec dotnet \"$SERVICE_DLL\""]
