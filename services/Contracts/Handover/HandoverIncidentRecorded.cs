namespace Mediation.Contracts;

/// <summary>An incident touched this child's handover (Kind: Delay, ChildUnwell, DocumentProblem, LegAborted); the note stays in handover.</summary>
public record HandoverIncidentRecorded(string CaseId, string BatchId, string Kind, bool HeldBack, DateTime OccurredAt, string? PartyId, string? Officer, int Sequence) : ICaseEvent;
