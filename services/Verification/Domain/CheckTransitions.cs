namespace Mediation.Verification.Domain;

/// <summary>
/// How an attestation moves a check. A passed or failed check is settled: changing it is the
/// mediator's reopening, not a new attestation.
/// </summary>
public static class CheckTransitions
{
    private static readonly Dictionary<(CheckState From, AttestationOutcome Outcome), CheckState> Table = new()
    {
        [(CheckState.Pending, AttestationOutcome.Passed)] = CheckState.Passed,
        [(CheckState.Pending, AttestationOutcome.Failed)] = CheckState.Failed,
        [(CheckState.Pending, AttestationOutcome.MoreInfoNeeded)] = CheckState.MoreInfoNeeded,
        [(CheckState.MoreInfoNeeded, AttestationOutcome.Passed)] = CheckState.Passed,
        [(CheckState.MoreInfoNeeded, AttestationOutcome.Failed)] = CheckState.Failed,
        [(CheckState.MoreInfoNeeded, AttestationOutcome.MoreInfoNeeded)] = CheckState.MoreInfoNeeded,
    };

    public static CheckState? Next(CheckState from, AttestationOutcome outcome) =>
        Table.TryGetValue((from, outcome), out var to) ? to : null;
}
