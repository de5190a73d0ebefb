using Mediation.Verification.Domain;

namespace Mediation.UnitTests;

public class CheckTransitionsTests
{
    public static TheoryData<CheckState, AttestationOutcome, CheckState?> EveryStateAndOutcome() => new()
    {
        { CheckState.Pending, AttestationOutcome.Passed, CheckState.Passed },
        { CheckState.Pending, AttestationOutcome.Failed, CheckState.Failed },
        { CheckState.Pending, AttestationOutcome.MoreInfoNeeded, CheckState.MoreInfoNeeded },
        { CheckState.MoreInfoNeeded, AttestationOutcome.Passed, CheckState.Passed },
        { CheckState.MoreInfoNeeded, AttestationOutcome.Failed, CheckState.Failed },
        { CheckState.MoreInfoNeeded, AttestationOutcome.MoreInfoNeeded, CheckState.MoreInfoNeeded },
        { CheckState.Passed, AttestationOutcome.Passed, null },
        { CheckState.Passed, AttestationOutcome.Failed, null },
        { CheckState.Passed, AttestationOutcome.MoreInfoNeeded, null },
        { CheckState.Failed, AttestationOutcome.Passed, null },
        { CheckState.Failed, AttestationOutcome.Failed, null },
        { CheckState.Failed, AttestationOutcome.MoreInfoNeeded, null },
    };

    [Theory]
    [MemberData(nameof(EveryStateAndOutcome))]
    public void A_settled_check_takes_no_further_attestation(CheckState from, AttestationOutcome outcome, CheckState? expected) =>
        Assert.Equal(expected, CheckTransitions.Next(from, outcome));

    [Fact]
    public void The_table_test_covers_every_state_and_outcome() =>
        Assert.Equal(Enum.GetValues<CheckState>().Length * Enum.GetValues<AttestationOutcome>().Length, EveryStateAndOutcome().Count);
}
