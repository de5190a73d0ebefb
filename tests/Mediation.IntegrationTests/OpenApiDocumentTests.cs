namespace Mediation.IntegrationTests;

/// <summary>
/// The OpenAPI description partners read in the repository (docs/openapi/mediation.v1.json) is the one the host
/// serves, so it follows the protos: after a change to them, scripts/openapi.sh writes it anew, on purpose.
/// </summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class OpenApiDocumentTests(EmbeddedHost host)
{
    [Fact]
    public async Task The_served_openapi_description_is_the_one_kept_in_the_repository()
    {
        using var http = new HttpClient { BaseAddress = host.WebAddress };
        var served = await http.GetStringAsync("/openapi/v1.json");
        var kept = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "openapi", "mediation.v1.json"));
        Assert.True(Normalized(kept) == Normalized(served),
            "docs/openapi/mediation.v1.json differs from what the host serves at /openapi/v1.json: run scripts/openapi.sh and commit the result.");
    }

    [Fact]
    public async Task The_description_has_every_method_with_an_http_rule_and_is_served_without_credentials()
    {
        using var http = new HttpClient { BaseAddress = host.WebAddress };
        using var document = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
        Assert.True(paths["/v1/requests"].TryGetProperty("post", out _));
        Assert.True(paths["/v1/cases/{caseId}"].TryGetProperty("get", out _));
        Assert.True(paths["/v1/cases/{caseId}:accept"].TryGetProperty("post", out _));
        Assert.True(paths["/v1/batches/{batchId}:acknowledgeCustody"].TryGetProperty("post", out _));
        Assert.True(paths["/v1/events:watch"].TryGetProperty("get", out _));
        Assert.True(paths["/v1/reports/cases"].TryGetProperty("get", out _));
        // Every method of every service has its HTTP rule, and each is one operation of the description.
        var methods = Services.SelectMany(s => s.Methods).ToList();
        Assert.All(methods, m => Assert.True(m.GetOptions()?.GetExtension(Google.Api.AnnotationsExtensions.Http) is not null, m.FullName + " has no HTTP rule"));
        Assert.Equal(methods.Count, paths.Values.Sum(p => p.EnumerateObject().Count()));
    }

    private static readonly Google.Protobuf.Reflection.ServiceDescriptor[] Services =
    [
        Mediation.Api.Requests.V1.RequestsService.Descriptor, Mediation.Api.Verification.V1.VerificationService.Descriptor,
        Mediation.Api.Handover.V1.HandoverService.Descriptor, Mediation.Api.Audit.V1.AuditLogService.Descriptor,
        Mediation.Api.Reports.V1.ReportsService.Descriptor,
    ];

    private static string Normalized(string text) => text.Replace("\r\n", "\n").Trim();
}
