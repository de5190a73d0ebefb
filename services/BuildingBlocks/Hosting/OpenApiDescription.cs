using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi.Models;

namespace Mediation.BuildingBlocks.Hosting;

/// <summary>
/// The OpenAPI description of the API over HTTP/JSON, made from the protos' HTTP rules and comments, for the
/// methods this process serves: <c>GET /openapi/v1.json</c> on the web port (<c>Mediation:WebUrl</c>). The
/// embedded host's, which describes every service, is kept in docs/openapi/mediation.v1.json (scripts/openapi.sh).
/// </summary>
public static class OpenApiDescription
{
    public const string Path = "/openapi/v1.json";

    public static void AddOpenApiDescription(this IHostApplicationBuilder builder)
    {
        builder.Services.AddGrpcSwagger();
        builder.Services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Mediation API",
                Version = "v1",
                Description = "The Mediation API over HTTP/JSON: the same methods as gRPC (protos/mediation). Every call needs " +
                    "'authorization: Bearer <api key>'; mutating calls also 'x-officer: <officer id>' and a client-chosen requestId. " +
                    "A refusal is a google.rpc.Status {code, message, details} under the HTTP status mapped from its gRPC code.",
            });
            o.SwaggerGeneratorOptions.PathGroupSelector = OpenApiPaths.PathOf;
            o.OperationFilter<OpenApiPaths>();
            // The protos' comments, carried into the generated code's XML documentation (Mediation.Protos).
            var comments = System.IO.Path.Combine(AppContext.BaseDirectory, "Mediation.Protos.xml");
            if (File.Exists(comments))
            {
                o.IncludeXmlComments(comments);
                o.IncludeGrpcXmlComments(comments, includeControllerXmlComments: true);
            }
        });
    }

    public static void MapOpenApiDescription(this WebApplication app) =>
        app.UseSwagger(o => o.RouteTemplate = "openapi/{documentName}.json");
}
