using MassTransit;
using Mediation.Contracts;

namespace Mediation.Operations.Consumers;

/// <summary>
/// Takes in an owner's answer (<see cref="AppliedMessagesFound"/>) and marks the faults it names. No inbox
/// row: marking is idempotent and order-independent, so an answer heard twice or late is harmless.
/// </summary>
public sealed class AppliedAnswerIntake(AppliedCheck check, TimeProvider clock) : IConsumer<AppliedMessagesFound>
{
    public const string Endpoint = "operations-applied-answers";

    public Task Consume(ConsumeContext<AppliedMessagesFound> context) =>
        check.Found(context.Message.Queue, context.Message.MessageIds ?? [], clock.GetUtcNow().UtcDateTime, context.CancellationToken);
}
