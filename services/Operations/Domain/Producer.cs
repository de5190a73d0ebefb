namespace Mediation.Operations.Domain;

/// <summary>The service an event comes from: each orders its events for a case by its own sequence.</summary>
public enum Producer
{
    Requests = 1,
    Verification = 2,
    Handover = 3,
}
