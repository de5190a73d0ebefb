using Mediation.Requests.Domain;

namespace Mediation.UnitTests;

/// <summary>Walks every stage × party's call of a case against the life described in docs/DESIGN.md §3.</summary>
public class CaseTransitionsTests
{
    // Rows: from-stage; one column per CaseAction in declaration order; "-" = refused.
    // Actions: Accept Reject MarkDuplicate Forward ReportLocated ReportNotLocated Withdraw
    private static readonly string[] Expected =
    [
        "Submitted          Accepted Rejected Duplicate -         -       -          Withdrawn",
        "Accepted           -        Rejected Duplicate Forwarded -       -          Withdrawn",
        "Rejected           -        -        -         -         -       -          -",
        "Duplicate          -        -        -         -         -       -          -",
        "Forwarded          -        -        -         -         Located NotLocated Withdrawn",
        "Located            -        -        -         -         -       -          Withdrawn",
        "NotLocated         -        -        -         Forwarded -       -          Withdrawn",
        "InVerification     -        -        -         -         -       -          Withdrawn",
        "Verified           -        -        -         -         -       -          Withdrawn",
        "VerificationFailed -        -        -         -         -       -          Withdrawn",
        "InHandover         -        -        -         -         -       -          -",
        "Reunited           -        -        -         -         -       -          -",
        "Closed             -        -        -         -         -       -          -",
        "Withdrawn          -        -        -         -         -       -          -",
    ];

    public static TheoryData<CaseStage, CaseAction, CaseStage?> EveryStageAndAction()
    {
        var data = new TheoryData<CaseStage, CaseAction, CaseStage?>();
        var actions = Enum.GetValues<CaseAction>();
        foreach (var row in Expected)
        {
            var cells = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(actions.Length + 1, cells.Length);
            for (var i = 0; i < actions.Length; i++)
                data.Add(Enum.Parse<CaseStage>(cells[0]), actions[i], cells[i + 1] == "-" ? null : Enum.Parse<CaseStage>(cells[i + 1]));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStageAndAction))]
    public void Each_stage_allows_exactly_the_moves_of_a_cases_life(CaseStage from, CaseAction action, CaseStage? expected) =>
        Assert.Equal(expected, CaseTransitions.Next(from, action));

    [Fact]
    public void The_expected_table_covers_every_stage() =>
        Assert.Equal(Enum.GetValues<CaseStage>().Order(), Expected.Select(r => Enum.Parse<CaseStage>(r.Split(' ')[0])).Order());

    [Fact]
    public void Withdrawal_is_possible_until_the_handover_starts_and_never_after()
    {
        var beforeHandover = Enum.GetValues<CaseStage>().Where(s => s < CaseStage.InHandover && !CaseTransitions.IsFinal(s));
        Assert.All(beforeHandover, s => Assert.Equal(CaseStage.Withdrawn, CaseTransitions.Next(s, CaseAction.Withdraw)));
        Assert.All([CaseStage.InHandover, CaseStage.Reunited, CaseStage.Closed], s => Assert.Null(CaseTransitions.Next(s, CaseAction.Withdraw)));
    }

    [Fact]
    public void A_refused_move_leaves_the_case_as_it_was()
    {
        var c = new Case
        {
            Id = "c",
            TracingRequestId = "r",
            RequestingPartyId = "p",
            Child = new Child { GivenName = "A", FamilyName = "B", LastKnownPlace = new Place { Region = "R" } },
            TraceConsent = new ConsentRecord { Given = true },
            ShareConsent = new ConsentRecord(),
        };
        var refusal = Assert.Throws<Mediation.BuildingBlocks.Api.TransitionRefused>(() => c.Apply(CaseAction.ReportLocated, DateTime.UtcNow));
        Assert.Contains("Submitted", refusal.Message);
        Assert.Equal(CaseStage.Submitted, c.Stage);
        Assert.Equal(0, c.Version);
    }
}
