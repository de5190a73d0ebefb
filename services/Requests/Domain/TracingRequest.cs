namespace Mediation.Requests.Domain;

/// <summary>One submission by a requesting party, naming one or more children.</summary>
public sealed class TracingRequest
{
    public required string Id { get; set; }
    public required string RequestingPartyId { get; set; }
    public DateTime CreatedAt { get; set; }
}
