namespace Mediation.Contracts;

/// <summary>
/// How a step's id is made, so that every way of seeing the same step yields the same id: a message is published
/// once per message id (a re-send after a crash is the same step, sent again), applied once per consumer; a call and
/// a refused copy are each an occurrence of their own, named when recorded.
/// </summary>
public static class CaseFlowStepIds
{
    public static string Published(Guid messageId) => $"publish:{messageId:N}";

    public static string Consumed(Guid messageId, string consumer) => $"consume:{messageId:N}:{consumer}";

    public static string Occurrence(string kind) => $"{kind}:{Guid.CreateVersion7():N}";
}
