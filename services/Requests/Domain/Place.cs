namespace Mediation.Requests.Domain;

public sealed class Place
{
    public required string Region { get; set; }
    public string Settlement { get; set; } = "";
    public string Institution { get; set; } = "";
}
