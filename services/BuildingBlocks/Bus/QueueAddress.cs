namespace Mediation.BuildingBlocks.Bus;

public static class QueueAddress
{
    /// <summary>
    /// The queue's name in a bus address, whatever the transport:
    /// <c>loopback://localhost/requests-case-events</c> and <c>rabbitmq://host/vhost/requests-case-events?bind=…</c>
    /// both name <c>requests-case-events</c>.
    /// </summary>
    public static string Name(Uri address) => address.AbsolutePath.Trim('/').Split('/')[^1];
}
