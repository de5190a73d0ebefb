using MassTransit;
using Mediation.Contracts;
using Mediation.Operations.Persistence;
using Mediation.Operations.Series;

namespace Mediation.Operations.Consumers;

/// <summary>
/// Adds every process's activity report into the 10-s points, once per report (the inbox), whichever operations
/// instance takes it and in whatever order reports arrive: points only ever add up.
/// </summary>
public sealed class ActivityIntake(OperationsDb db, TimeProvider clock) : IConsumer<InstanceActivityReported>
{
    public const string Endpoint = "operations-activity";

    public Task Consume(ConsumeContext<InstanceActivityReported> context)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException("An activity report arrived without a message id.");
        var points = ActivityPoints.Of(context.Message).ToList();
        return SeriesMerge.Into(db, points, context.CancellationToken,
            claim: () => db.ClaimDelivery(messageId, Endpoint, clock.GetUtcNow().UtcDateTime, context.CancellationToken));
    }
}
