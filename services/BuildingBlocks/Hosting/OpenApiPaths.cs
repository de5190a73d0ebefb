using System.Text.RegularExpressions;
using Google.Api;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.OpenApi.Models;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Mediation.BuildingBlocks.Hosting;

/// <summary>
/// The OpenAPI paths of the HTTP rules as a partner writes them: <c>/v1/{name=cases/*}</c> becomes
/// <c>/v1/cases/{caseId}</c> (the request's <c>name</c> is then <c>cases/{caseId}</c>). OpenAPI path parameters hold
/// one segment each, and the generator's own rendering (<c>/v1/{name}</c>) made GetCase, GetBatch and GetChecklist
/// one path.
/// </summary>
public sealed partial class OpenApiPaths : IOperationFilter
{
    /// <summary>The path an operation is listed under (without its leading '/', which the generator adds).</summary>
    public static string PathOf(ApiDescription description) =>
        RuleOf(description) is { } template ? Expand(template).Path.TrimStart('/') : description.RelativePath ?? "";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (RuleOf(context.ApiDescription) is not { } template)
            return;
        foreach (var variable in Expand(template).Variables.Where(v => v.Ids.Count > 0))
        {
            operation.Parameters = operation.Parameters.Where(p => !(p.In == ParameterLocation.Path && p.Name == variable.JsonName)).ToList();
            foreach (var id in variable.Ids)
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = id, In = ParameterLocation.Path, Required = true,
                    Schema = new OpenApiSchema { Type = "string" },
                    Description = $"The request's `{variable.JsonName}` is `{variable.Value}`.",
                });
        }
    }

    private sealed record Variable(string JsonName, string Value, List<string> Ids);

    private static string? RuleOf(ApiDescription description) =>
        description.ActionDescriptor.EndpointMetadata.OfType<GrpcJsonTranscodingMetadata>().FirstOrDefault()?.HttpRule is { } rule
            ? rule.PatternCase switch
            {
                HttpRule.PatternOneofCase.Get => rule.Get,
                HttpRule.PatternOneofCase.Post => rule.Post,
                HttpRule.PatternOneofCase.Put => rule.Put,
                HttpRule.PatternOneofCase.Patch => rule.Patch,
                HttpRule.PatternOneofCase.Delete => rule.Delete,
                _ => null,
            }
            : null;

    private static (string Path, List<Variable> Variables) Expand(string template)
    {
        var variables = new List<Variable>();
        var path = VariablePattern().Replace(template, m =>
        {
            var field = m.Groups["field"].Value;
            var jsonName = JsonName(field);
            if (!m.Groups["pattern"].Success)
            {
                variables.Add(new Variable(jsonName, "{" + jsonName + "}", []));
                return "{" + jsonName + "}";
            }
            var segments = m.Groups["pattern"].Value.Split('/');
            var ids = new List<string>();
            for (var i = 0; i < segments.Length; i++)
            {
                if (segments[i] != "*")
                    continue;
                // The collection before the wildcard names it: cases/* → caseId, batches/* → batchId, matches/* → matchId.
                var collection = i > 0 ? segments[i - 1] : jsonName;
                var singular = collection.EndsWith("ches", StringComparison.Ordinal) ? collection[..^2]
                    : collection.EndsWith('s') ? collection[..^1] : collection;
                segments[i] = "{" + singular + "Id}";
                ids.Add(singular + "Id");
            }
            var value = string.Join('/', segments);
            variables.Add(new Variable(jsonName, value, ids));
            return value;
        });
        return (path, variables);
    }

    // proto3 JSON's name of a field: lowerCamelCase.
    private static string JsonName(string field) =>
        string.Concat(field.Split('_').Select((part, i) => i == 0 || part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));

    [GeneratedRegex(@"\{(?<field>[\w.]+)(=(?<pattern>[^}]+))?\}")]
    private static partial Regex VariablePattern();
}
