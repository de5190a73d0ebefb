namespace Mediation.Client;

/// <summary>Where each service answers: one address for the embedded host, one per service when they run apart.</summary>
public sealed record ServiceAddresses(Uri Requests, Uri Verification, Uri Handover)
{
    /// <summary>Every service at one address (the embedded host, e.g. <c>http://localhost:5080</c>).</summary>
    public static ServiceAddresses Embedded(Uri host) => new(host, host, host);
}
