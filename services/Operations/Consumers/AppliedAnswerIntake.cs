using MassTransit;
using Mediation.Contracts;

namespace Mediation.Operations.Consumers;

/// <summary>
/// Takes in an owner's answer (<see cref="AppliedMessagesFound"/>) and marks the faults it names. No inbox
/// row: marking is idempotent and order-independent, so an answer heard twice or late is harmless. One
/// that cannot be taken in now (operations' database away) is let go: the same question is asked again
/// (<see cref="AppliedRecheck"/>), so it is not a fault for the operators to handle.
/// </summary>
public sealed class AppliedAnswerIntake(AppliedCheck check, TimeProvider clock, ILogger<AppliedAnswerIntake> logger) : IConsumer<AppliedMessagesFound>
{
    public const string Endpoint = "operations-applied-answers";

    public async Task Consume(ConsumeContext<AppliedMessagesFound> context)
    {
        var answer = context.Message;
        try
        {
            await check.Found(answer.Queue, answer.MessageIds ?? [], clock.GetUtcNow().UtcDateTime, context.CancellationToken);
        }
        catch (Exception e) when (!context.CancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Could not mark {Count} fault(s) of {Queue} already applied ({ExceptionType}: {Message}); they are asked about again",
                answer.MessageIds?.Length ?? 0, answer.Queue, e.GetType().Name, e.Message);
        }
    }
}
