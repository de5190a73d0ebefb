using MassTransit;
using MassTransit.Configuration;
using MassTransit.Context;

namespace Mediation.BuildingBlocks.Bus;

/// <summary>
/// On RabbitMQ, holds a consumer's <c>Fault&lt;T&gt;</c> back until no redelivery follows. MassTransit publishes
/// the fault from the consume context as soon as the immediate retries give up — before the message reaches
/// the error pipe, where <see cref="BrokerRedelivery"/> sends it to a delay line — so every failure that heals
/// on a later delivery would otherwise reach the operators' fault inbox anyway. Its own redelivery (the
/// in-memory bus's) does the same by wrapping the consume context outside the retries; this does it for ours.
/// Goes on the bus before the immediate retries, so that its context is the one they report their fault to.
/// </summary>
public sealed class FaultAfterLastRedelivery : ConfigurationObserver, IMessageConfigurationObserver
{
    private readonly RedeliverySchedule _schedule;

    private FaultAfterLastRedelivery(IConsumePipeConfigurator configurator, RedeliverySchedule schedule)
        : base(configurator)
    {
        _schedule = schedule;
        Connect(this);
    }

    /// <summary>Adds it to every message type the bus's endpoints consume; call it before <c>UseMessageRetry</c>.</summary>
    public static void On(IConsumePipeConfigurator configurator, RedeliverySchedule schedule) =>
        _ = new FaultAfterLastRedelivery(configurator, schedule);

    public void MessageConfigured<TMessage>(IConsumePipeConfigurator configurator) where TMessage : class =>
        configurator.AddPipeSpecification(new FilterPipeSpecification<ConsumeContext<TMessage>>(new Deferral<TMessage>(_schedule)));

    private sealed class Deferral<TMessage>(RedeliverySchedule schedule) : IFilter<ConsumeContext<TMessage>> where TMessage : class
    {
        public Task Send(ConsumeContext<TMessage> context, IPipe<ConsumeContext<TMessage>> next) =>
            next.Send(new DeferringContext<TMessage>(context, schedule));

        public void Probe(ProbeContext context) => context.CreateFilterScope("faultAfterLastRedelivery");
    }

    private sealed class DeferringContext<TMessage>(ConsumeContext<TMessage> context, RedeliverySchedule schedule)
        : ConsumeContextScope<TMessage>(context) where TMessage : class
    {
        public override Task NotifyFaulted<T>(ConsumeContext<T> faulted, TimeSpan duration, string consumerType, Exception exception) =>
            BrokerRedelivery.WillRedeliver(schedule, ReceiveContext, exception)
                // The delivery still counts as faulted (observers, traces); only the fault event waits.
                ? ReceiveContext.NotifyFaulted(faulted, duration, consumerType, exception)
                : base.NotifyFaulted(faulted, duration, consumerType, exception);
    }
}
