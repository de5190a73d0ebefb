using Mediation.BuildingBlocks.Persistence;
using Mediation.Contracts;
using Mediation.Requests.Domain;

namespace Mediation.UnitTests;

/// <summary>
/// How the requests service works a case's stage out from its own stage and the latest stage verification and
/// handover reported (docs/DESIGN.md §7), over every combination, and how each service's reports are ordered.
/// </summary>
public class StageProjectionTests
{
    private static readonly DateTime T0 = new(2026, 11, 2, 8, 0, 0, DateTimeKind.Utc);

    // One row per (verification's latest, handover's latest) report, "-" for none; one column per registry stage.
    // Registry: Submitted Accepted Rejected Duplicate Forwarded Located NotLocated Withdrawn
    private static readonly string[] Expected =
    [
        "-                  -          Submitted          Accepted           Rejected Duplicate Forwarded          Located            NotLocated         Withdrawn",
        "InVerification     -          InVerification     InVerification     Rejected Duplicate InVerification     InVerification     InVerification     Withdrawn",
        "Verified           -          Verified           Verified           Rejected Duplicate Verified           Verified           Verified           Withdrawn",
        "VerificationFailed -          VerificationFailed VerificationFailed Rejected Duplicate VerificationFailed VerificationFailed VerificationFailed Withdrawn",
        "-                  InHandover InHandover         InHandover         Rejected Duplicate InHandover         InHandover         InHandover         Withdrawn",
        "InVerification     InHandover InHandover         InHandover         Rejected Duplicate InHandover         InHandover         InHandover         Withdrawn",
        "Verified           InHandover InHandover         InHandover         Rejected Duplicate InHandover         InHandover         InHandover         Withdrawn",
        "VerificationFailed InHandover InHandover         InHandover         Rejected Duplicate InHandover         InHandover         InHandover         Withdrawn",
        "-                  Reunited   Reunited           Reunited           Rejected Duplicate Reunited           Reunited           Reunited           Withdrawn",
        "InVerification     Reunited   Reunited           Reunited           Rejected Duplicate Reunited           Reunited           Reunited           Withdrawn",
        "Verified           Reunited   Reunited           Reunited           Rejected Duplicate Reunited           Reunited           Reunited           Withdrawn",
        "VerificationFailed Reunited   Reunited           Reunited           Rejected Duplicate Reunited           Reunited           Reunited           Withdrawn",
        "-                  Closed     Closed             Closed             Rejected Duplicate Closed             Closed             Closed             Withdrawn",
        "InVerification     Closed     Closed             Closed             Rejected Duplicate Closed             Closed             Closed             Withdrawn",
        "Verified           Closed     Closed             Closed             Rejected Duplicate Closed             Closed             Closed             Withdrawn",
        "VerificationFailed Closed     Closed             Closed             Rejected Duplicate Closed             Closed             Closed             Withdrawn",
    ];

    public static readonly CaseStage[] RegistryStages =
    [
        CaseStage.Submitted, CaseStage.Accepted, CaseStage.Rejected, CaseStage.Duplicate, CaseStage.Forwarded,
        CaseStage.Located, CaseStage.NotLocated, CaseStage.Withdrawn,
    ];

    public static TheoryData<CaseStage, CaseStage?, CaseStage?, CaseStage> EveryCombination()
    {
        var data = new TheoryData<CaseStage, CaseStage?, CaseStage?, CaseStage>();
        foreach (var row in Expected)
        {
            var cells = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2 + RegistryStages.Length, cells.Length);
            for (var i = 0; i < RegistryStages.Length; i++)
                data.Add(RegistryStages[i], Stage(cells[0]), Stage(cells[1]), Enum.Parse<CaseStage>(cells[i + 2]));
        }
        return data;
    }

    private static CaseStage? Stage(string cell) => cell == "-" ? null : Enum.Parse<CaseStage>(cell);

    [Theory]
    [MemberData(nameof(EveryCombination))]
    public void The_furthest_service_that_said_anything_decides_unless_the_case_was_rejected_a_duplicate_or_withdrawn(
        CaseStage registry, CaseStage? verification, CaseStage? handover, CaseStage expected) =>
        Assert.Equal(expected, StageProjection.Of(registry, verification, handover));

    [Fact]
    public void The_table_covers_every_combination_once() =>
        Assert.Equal(RegistryStages.Length * 4 * 4, EveryCombination().Count());

    [Fact]
    public void Each_service_reports_only_its_own_stages()
    {
        Assert.Equal(RegistryStages.Order(), new[]
        {
            nameof(CaseSubmitted), nameof(CaseAccepted), nameof(CaseRejected), nameof(CaseMarkedDuplicate), nameof(CaseForwarded),
            nameof(CaseLocated), nameof(CaseNotLocated), nameof(CaseWithdrawn),
        }.Select(t => StageProjection.ReportedBy(t)!.Value).Order());
        Assert.Equal([CaseStage.InVerification, CaseStage.InVerification, CaseStage.Verified, CaseStage.VerificationFailed],
            new[] { nameof(ChecklistOpened), nameof(ChecklistReopened), nameof(CaseVerified), nameof(CaseVerificationFailed) }.Select(t => StageProjection.ReportedBy(t)!.Value));
        Assert.Equal([CaseStage.InHandover, CaseStage.Reunited, CaseStage.Closed],
            new[] { nameof(CaseScheduledForHandover), nameof(CaseReunited), nameof(CaseClosed) }.Select(t => StageProjection.ReportedBy(t)!.Value));
        Assert.All(new[] { nameof(CheckAttested), nameof(CheckOverdue), nameof(CustodyTransferred), nameof(HandoverIncidentRecorded), nameof(HoldReleased), nameof(ShareConsentWithdrawn) },
            t => Assert.Null(StageProjection.ReportedBy(t)));
    }

    /// <summary>Verification's failed → reopened → verified cycle, in every order of arrival.</summary>
    [Fact]
    public void The_latest_report_of_a_service_wins_in_every_order_of_arrival()
    {
        (CaseStage Stage, EventPosition At)[] reports =
        [
            (CaseStage.InVerification, new(1, T0)),
            (CaseStage.VerificationFailed, new(4, T0.AddDays(1))),
            (CaseStage.InVerification, new(5, T0.AddDays(2))),
            (CaseStage.Verified, new(9, T0.AddDays(3))),
        ];
        foreach (var order in Permutations(reports))
        {
            var report = new ReportedStage();
            foreach (var (stage, at) in order.Concat(order))
                report.Take(stage, at);
            Assert.Equal((CaseStage.Verified, 9), (report.Stage!.Value, report.Position.Sequence));
        }
        foreach (var order in Permutations(reports[..3]))
        {
            var report = new ReportedStage();
            foreach (var (stage, at) in order)
                report.Take(stage, at);
            Assert.Equal(CaseStage.InVerification, report.Stage);
        }
    }

    [Fact]
    public void A_child_scheduled_into_a_later_batch_stays_in_handover_until_reunited()
    {
        var report = new ReportedStage();
        Assert.True(report.Take(CaseStage.InHandover, new(1, T0)));
        Assert.True(report.Take(CaseStage.InHandover, new(3, T0.AddDays(7))));
        Assert.True(report.Take(CaseStage.Reunited, new(9, T0.AddDays(8))));
        Assert.False(report.Take(CaseStage.InHandover, new(3, T0.AddDays(7))));
        Assert.Equal(CaseStage.Reunited, report.Stage);
    }

    [Fact]
    public void Events_from_before_sequences_go_by_time_and_before_every_sequenced_one()
    {
        var report = new ReportedStage();
        Assert.True(report.Take(CaseStage.Verified, new(0, T0.AddDays(2))));
        Assert.False(report.Take(CaseStage.InVerification, new(0, T0)));
        Assert.Equal(CaseStage.Verified, report.Stage);
        Assert.True(report.Take(CaseStage.VerificationFailed, new(1, T0)));
        Assert.False(report.Take(CaseStage.Verified, new(0, T0.AddDays(9))));
        Assert.Equal(CaseStage.VerificationFailed, report.Stage);
    }

    [Fact]
    public void A_withdrawn_case_stays_withdrawn_and_later_events_only_join_its_timeline()
    {
        var c = LocatedCase();
        c.Take("verification", new ChecklistOpened(c.Id, ["IDENTITY"], T0.AddDays(1), null, null, 1), T0);
        c.Apply(CaseAction.Withdraw, T0.AddDays(2));
        c.Take("verification", new CaseVerified(c.Id, "requester-1", "holder-1", T0.AddDays(3), "mediator", "m", 2), T0);
        Assert.Equal(CaseStage.Withdrawn, c.Stage);
        Assert.Equal(CaseStage.Verified, c.Verification.Stage);
        Assert.Contains(c.Timeline, t => t.Type == nameof(CaseVerified));
    }

    [Fact]
    public void An_event_that_arrives_before_the_one_it_follows_moves_the_case_all_the_same()
    {
        var c = LocatedCase();
        c.Take("handover", new CaseClosed(c.Id, T0.AddDays(9), "mediator", "m", 13), T0);
        Assert.Equal(CaseStage.Closed, c.Stage);
        c.Take("handover", new CaseReunited(c.Id, "b", T0.AddDays(5), "requester-1", "r", 9), T0);
        c.Take("verification", new CaseVerified(c.Id, "requester-1", "holder-1", T0.AddDays(3), "mediator", "m", 9), T0);
        Assert.Equal(CaseStage.Closed, c.Stage);
        // The parties' calls go by the case's stage: once the handover started, no withdrawal.
        Assert.Throws<Mediation.BuildingBlocks.Api.TransitionRefused>(() => c.Apply(CaseAction.Withdraw, T0.AddDays(10)));
    }

    [Fact]
    public void The_same_event_under_another_message_id_joins_the_timeline_once()
    {
        var c = LocatedCase();
        var e = new CheckAttested(c.Id, "IDENTITY", "PASSED", T0.AddDays(1).AddTicks(7), "holder-1", "h", 2);
        var version = c.Version;
        Assert.True(c.Take("verification", e, T0));
        Assert.False(c.Take("verification", e with { }, T0));
        Assert.Single(c.Timeline, t => t.Type == nameof(CheckAttested));
        Assert.Equal(version + 1, c.Version);
        // Another attestation of the same check, a later change, is another event.
        Assert.True(c.Take("verification", e with { Sequence = 3 }, T0));
    }

    [Fact]
    public void A_case_gets_version_1_with_its_submission_and_each_call_moves_it()
    {
        var c = LocatedCase();
        Assert.Equal(4, c.Version);
        Assert.Equal([1, 2, 3, 4], c.Timeline.Select(t => t.ProducerSequence));
    }

    internal static Case LocatedCase()
    {
        var c = new Case
        {
            Id = "case-1", TracingRequestId = "r", RequestingPartyId = "requester-1",
            Child = new Child { GivenName = "A", FamilyName = "B", LastKnownPlace = new Place { Region = "R" } },
            TraceConsent = new ConsentRecord { Given = true }, ShareConsent = new ConsentRecord { Given = true },
            CreatedAt = T0, UpdatedAt = T0, Version = 1,
        };
        c.Record(nameof(CaseSubmitted), "requests", "requester-1", "r", T0, c.Version, "submitted");
        foreach (var (action, type) in new[] { (CaseAction.Accept, nameof(CaseAccepted)), (CaseAction.Forward, nameof(CaseForwarded)), (CaseAction.ReportLocated, nameof(CaseLocated)) })
        {
            c.Apply(action, T0);
            c.Record(type, "requests", null, null, T0, c.Version, type);
        }
        return c;
    }

    private static IEnumerable<T[]> Permutations<T>(T[] items) =>
        items.Length <= 1
            ? [items]
            : items.SelectMany((item, i) => Permutations([.. items[..i], .. items[(i + 1)..]]).Select(rest => (T[])[item, .. rest]));
}
