# One image per service: docker build --build-arg SERVICE=Requests .
# (Requests, Verification, Handover, or Host for the embedded default.)
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG SERVICE
WORKDIR /src
COPY . .
RUN dotnet publish services/${SERVICE} -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
ARG SERVICE
WORKDIR /app
COPY --from=build /app .
COPY services/Host/parties.demo.json /config/parties.json
COPY services/Host/keys.demo.json /config/keys.json
ENV SERVICE_DLL=Mediation.${SERVICE}.dll \
    ASPNETCORE_URLS=http://0.0.0.0:8080 \
    Mediation__DataDirectory=/data
EXPOSE 8080
VOLUME /data
ENTRYPOINT ["sh", "-c", "exec dotnet \"$SERVICE_DLL\""]
