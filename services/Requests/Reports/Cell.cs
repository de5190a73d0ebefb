namespace Mediation.Requests.Reports;

/// <summary>One key's figure in a breakdown: a stage, an age band, a region, a month, a holding party.</summary>
public sealed record Cell(string Key, Figure Figure);
