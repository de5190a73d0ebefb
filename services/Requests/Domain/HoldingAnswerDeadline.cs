namespace Mediation.Requests.Domain;

/// <summary>How long a holding party has to report a forwarded child located or not (<c>Requests:HoldingAnswerDays</c>, default 30).</summary>
public sealed record HoldingAnswerDeadline(TimeSpan Within)
{
    public static readonly HoldingAnswerDeadline Default = new(TimeSpan.FromDays(30));
}
