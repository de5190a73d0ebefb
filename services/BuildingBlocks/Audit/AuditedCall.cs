using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Grpc.Core;
using Mediation.BuildingBlocks.Flow;
using Mediation.BuildingBlocks.Parties;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Mediation.BuildingBlocks.Audit;

/// <summary>Records one call in its audit log and holds its answer until the entry has committed.</summary>
public static partial class AuditedCall
{
    private const string RecordedKey = "mediation:audited";
    private const int MaxCallLength = 200;

    private static readonly FrozenDictionary<StatusCode, string> Names = Enum.GetValues<StatusCode>()
        .ToFrozenDictionary(c => c, c => Words().Replace(c.ToString(), "$1_$2").ToUpperInvariant());

    public static string OutcomeName(StatusCode code) => Names.GetValueOrDefault(code, code.ToString());

    /// <summary>True once the call has its entry (the interceptor recorded it; the refusals middleware need not).</summary>
    public static bool IsRecorded(HttpContext http) => http.Items.ContainsKey(RecordedKey);

    /// <summary>
    /// One entry per case (or one without a case); throws UNAVAILABLE if the log cannot take them, so no answer
    /// leaves unaudited. Each case's entry is also a step of its flow (<see cref="CaseFlowSteps"/>), from
    /// <paramref name="startedAt"/> (when the call began; the entry's time if not known) to the entry.
    /// </summary>
    public static async Task Record(HttpContext http, IAuditTrail trail, string call, StatusCode outcome, IReadOnlyList<string> caseIds,
        DateTime? startedAt = null)
    {
        http.Items[RecordedKey] = true;
        var party = http.User.FindFirst(PartyKeyAuthentication.PartyIdClaim)?.Value ?? "";
        var officer = Caller.OfficerNamedIn(http);
        var at = (http.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        AuditEntry Entry(string? caseId) => new()
        {
            At = at, Service = trail.Service, PartyId = party,
            Officer = officer?[..Math.Min(officer.Length, Caller.MaxOfficerLength)],
            Call = call[..Math.Min(call.Length, MaxCallLength)], CaseId = caseId, Outcome = OutcomeName(outcome),
        };
        var entries = caseIds.Count == 0 ? [Entry(null)] : caseIds.Select(Entry).ToList();
        try
        {
            await trail.Append(entries);
        }
        catch (Exception)
        {
            throw new RpcException(new Status(StatusCode.Unavailable,
                "The call could not be recorded in the audit log, so nothing is answered; retry later (a mutating call with the same request_id changes nothing twice)."));
        }
        if (caseIds.Count > 0 && http.RequestServices.GetService<CaseFlowSteps>() is { } flow)
            foreach (var entry in entries)
                flow.Call(trail.Service, entry.CaseId!, entry.Call, party, entry.Outcome, startedAt ?? at, at);
    }

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex Words();
}
