namespace Mediation.Client;

/// <summary>
/// An observer (e.g. a monitoring body): sees aggregates only, never a case. It has no case calls — the
/// service would answer each NOT_FOUND or empty — and gets the reports API's calls when that API is served.
/// </summary>
public sealed class ObserverClient(MediationConnection connection, string party) : MediationPartyClient(connection, party);
