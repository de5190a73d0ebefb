using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using ReportsApi = Mediation.Api.Reports.V1;

namespace Mediation.Operations.Reports;

/// <summary>
/// The requests service's aggregate report, for the dashboard's reports view. The requests service holds the cases, so
/// the report is worked out there, once, and the dashboard shows exactly what the observer's API returns. The dashboard
/// calls as a party: <c>Operations:ReportsApiKey</c>, the API key of the observer (or of the mediator) — an observer's
/// key, whose only power is this report, is the one to give. The service's address is <c>Peers:Requests</c>; in the
/// embedded host, this very process.
/// </summary>
public sealed class ReportsPeer(string? address, string? apiKey, IServer server) : IDisposable
{
    public const string ApiKeySetting = "Operations:ReportsApiKey";

    // Not the peers' 2 s (Peers:Deadline), which is for a question about one case: a report reads every case, and the
    // requests process's first one also compiles its queries.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private readonly Lazy<GrpcChannel> _channel = new(() => GrpcChannel.ForAddress(
        address is { Length: > 0 }
            ? address
            : server.Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("://[::]", "://localhost").Replace("://0.0.0.0", "://localhost")));

    /// <summary>Why the report cannot be shown, for the page; null when it can.</summary>
    public sealed record Answer(ReportsApi.CaseReport? Report, string? Problem);

    public async Task<Answer> Read(CancellationToken ct)
    {
        if (string.IsNullOrEmpty(apiKey))
            return new(null, $"Reports are not set up: give {ApiKeySetting} (the observer's API key).");
        try
        {
            var response = await new ReportsApi.ReportsService.ReportsServiceClient(_channel.Value).GetCaseReportAsync(
                new(), new Metadata { { "authorization", "Bearer " + apiKey } }, DateTime.UtcNow + Deadline, ct);
            return new(response.Report, null);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied)
        {
            return new(null, $"The requests service refused {ApiKeySetting}: it must be the API key of the observer or the mediator.");
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.DeadlineExceeded)
        {
            return new(null, $"The requests service did not answer within {Deadline.TotalSeconds:0} s. Retrying…");
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable)
        {
            return new(null, $"The requests service is unavailable ({e.Status.Detail}). Retrying…");
        }
    }

    public void Dispose()
    {
        if (_channel.IsValueCreated)
            _channel.Value.Dispose();
    }
}
