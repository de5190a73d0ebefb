using System.Runtime.CompilerServices;
using Mediation.Contracts;
using Mediation.Requests.Domain;
using Mediation.Requests.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Mediation.IntegrationTests;

/// <summary>
/// 27 cases with known dates, written into the requests service's own database, for the reports' tests. Each
/// group is told below with what a report must make of it; the children are named "Reportchild" so that a test
/// can look for their names (and ids) in what the observer gets.
/// </summary>
public static class ReportCases
{
    public const string ChildFamilyName = "Reportchild";
    public static readonly DateTime March = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime April = new(2026, 4, 6, 9, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime May = new(2026, 5, 4, 9, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime June = new(2026, 6, 1, 9, 0, 0, DateTimeKind.Utc);

    private static readonly ConditionalWeakTable<EmbeddedHost, Task<IReadOnlyList<string>>> Seeded = new();

    /// <summary>The cases' ids in <paramref name="host"/>, written there at the first call (a host of the report's tests alone).</summary>
    public static Task<IReadOnlyList<string>> SeedOnce(EmbeddedHost host) => Seeded.GetValue(host, h => Seed(h.Services));

    private static async Task<IReadOnlyList<string>> Seed(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RequestsDb>();
        var ids = new List<string>();
        string Add(DateTime submitted, int ageYears, CaseStage stage, string? holder, string? region)
        {
            var c = new Case
            {
                Id = Guid.NewGuid().ToString("N"),
                TracingRequestId = Guid.NewGuid().ToString("N"),
                RequestingPartyId = "requester-1",
                HoldingPartyId = holder,
                Stage = stage,
                RegistryStage = stage,
                Child = new Child
                {
                    GivenName = "Given" + ids.Count,
                    FamilyName = ChildFamilyName,
                    // Born a hundred days before the birthday that would move the child into the next band.
                    BirthDate = DateOnly.FromDateTime(submitted).AddYears(-ageYears).AddDays(-100),
                    LastKnownPlace = new Place { Region = "Lastknown Region" },
                },
                CurrentLocation = region is null ? null : new Place { Region = region, Settlement = "Foundtown" },
                TraceConsent = new ConsentRecord { Given = true, GivenBy = "a relative", GivenAt = submitted },
                ShareConsent = new ConsentRecord { Given = true, GivenBy = "a relative", GivenAt = submitted },
                CreatedAt = submitted,
                UpdatedAt = submitted,
                Version = 1,
            };
            c.Record(nameof(CaseSubmitted), "requests", "requester-1", "officer-r", submitted, 1, "submitted");
            db.Cases.Add(c);
            ids.Add(c.Id);
            return c.Id;
        }
        void Entry(string caseId, string type, string service, string party, DateTime at, int sequence) =>
            db.Timeline.Add(new TimelineEntry { CaseId = caseId, Type = type, Service = service, PartyId = party, OccurredAt = at, ProducerSequence = sequence, Summary = "" });

        // A: 12 children aged 10-14 submitted in March, found in "North" by holder-1 and reunited 10, 20, ... 120 days
        // after submission; half of them since closed.
        for (var i = 0; i < 12; i++)
        {
            var id = Add(March, 12, i % 2 == 0 ? CaseStage.Closed : CaseStage.Reunited, "holder-1", i % 3 == 0 ? "north " : "North");
            Entry(id, nameof(CaseReunited), "handover", "requester-1", March.AddDays(10 * (i + 1)), 9);
        }
        // B: 5 children aged 15-17 submitted in April, found in "East" by holder-2, reunited 130 ... 170 days after, closed.
        for (var i = 0; i < 5; i++)
        {
            var id = Add(April, 16, CaseStage.Closed, "holder-2", "East");
            Entry(id, nameof(CaseReunited), "handover", "requester-1", April.AddDays(130 + 10 * i), 9);
        }
        // C: 6 children aged 5-9 submitted in April that holder-1 could not locate.
        for (var i = 0; i < 6; i++)
        {
            var id = Add(April, 7, CaseStage.NotLocated, "holder-1", null);
            Entry(id, nameof(CaseNotLocated), "requests", "holder-1", April.AddDays(20), 4);
        }
        // D: 3 children aged 0-4 submitted in May that holder-2 could not locate, forwarded to holder-1, which found them in "South".
        for (var i = 0; i < 3; i++)
        {
            var id = Add(May, 3, CaseStage.Located, "holder-1", "South");
            Entry(id, nameof(CaseNotLocated), "requests", "holder-2", May.AddDays(20), 4);
        }
        // E: 1 child aged 6 submitted in June, not yet reviewed.
        Add(June, 6, CaseStage.Submitted, null, null);
        await db.SaveChangesAsync();
        return ids;
    }
}
