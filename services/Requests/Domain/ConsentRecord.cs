namespace Mediation.Requests.Domain;

/// <summary>One consent as recorded at intake: given or not, by whom, when.</summary>
public sealed class ConsentRecord
{
    public bool Given { get; set; }
    public string GivenBy { get; set; } = "";
    public DateTime? GivenAt { get; set; }
    public DateTime? WithdrawnAt { get; set; }
    public string? WithdrawnBy { get; set; }
}
