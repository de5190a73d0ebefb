namespace Mediation.Contracts;

/// <summary>
/// One step of a case's flow as the process that took it saw it: a call a party made about the case, a case event its
/// outbox published, or a consumer's application of one (or its refusal of a copy already applied). Ids, types, party ids
/// and times only: it travels on the bus every service reads.
/// </summary>
/// <param name="StepId">
/// The same step always has the same id (<see cref="CaseFlowStepIds"/>), so a batch delivered twice, or a step shipped
/// again after a failed publish, is stored once.
/// </param>
/// <param name="Kind"><see cref="Call"/>, <see cref="Publish"/>, <see cref="Consume"/>, <see cref="AttemptFailed"/> or <see cref="AlreadyApplied"/>.</param>
/// <param name="Service">The service whose call, outbox or inbox it is: <c>requests</c>, <c>verification</c>, <c>handover</c>, <c>operations</c>.</param>
/// <param name="Instance">The process that took it (host/pid).</param>
/// <param name="Type">The event's full type name, or the call's full gRPC method.</param>
/// <param name="Consumer">The consumer (its queue's name) of a consumption.</param>
/// <param name="PartyId">The calling party of a call (an organisation's id).</param>
/// <param name="Outcome">The call's gRPC status (<c>OK</c>, <c>NOT_FOUND</c>…); a failed attempt's exception type (never its message).</param>
/// <param name="StartedAt">A call's start, an event's commit to the outbox, a consumption's start.</param>
/// <param name="EndedAt">A call's answer, an event's publish (confirmed by the broker), a consumption's commit.</param>
/// <param name="Attempt">Publish attempts; for a consumption the immediate retry it succeeded on (0: the first try).</param>
/// <param name="Redelivery">How many times the broker had redelivered the message a consumer took.</param>
public record CaseFlowStep(
    string StepId,
    string Kind,
    string CaseId,
    string Service,
    string Instance,
    Guid? MessageId,
    string Type,
    string? Consumer,
    string? PartyId,
    string? Outcome,
    DateTime StartedAt,
    DateTime EndedAt,
    int Attempt,
    int Redelivery)
{
    public const string Call = "call";
    public const string Publish = "publish";
    public const string Consume = "consume";
    public const string AlreadyApplied = "already-applied";
    /// <summary>A consumer's attempt that threw: retried at once, redelivered later, or in the end a fault.</summary>
    public const string AttemptFailed = "attempt-failed";
}
