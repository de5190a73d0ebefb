namespace Mediation.IntegrationTests;

/// <summary>
/// Sends each call to the broker's management API to one node, and to the next when that node does not answer
/// (stopped, killed, or paused as a cut-off minority): every node of a cluster answers for the whole cluster,
/// so a test reads the broker through a node loss as the services' own connections go on through it.
/// </summary>
public sealed class ManagementFailover(IReadOnlyList<Uri> nodes) : DelegatingHandler(new HttpClientHandler())
{
    /// <summary>A paused node may accept a connection and never answer: another is asked after this.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
    private int _current;

    /// <summary>The node asked first; moved on by every node that does not answer, or set by a test about to take that one away.</summary>
    public int Current
    {
        get => Volatile.Read(ref _current);
        set => Volatile.Write(ref _current, value);
    }

    /// <summary>
    /// A node never asked: one taken away on purpose, whose own answers (a cut-off node's, before it pauses) would
    /// tell of its side of a partition rather than the cluster's.
    /// </summary>
    public int? Excluded { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var asked = request.RequestUri!;
        var excluded = Excluded;
        var asking = Enumerable.Range(Current, nodes.Count).Select(n => n % nodes.Count).Where(n => n != excluded).ToList();
        for (var attempt = 0; ; attempt++)
        {
            var node = asking[attempt];
            request.RequestUri = new UriBuilder(asked) { Host = nodes[node].Host, Port = nodes[node].Port }.Uri;
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            // The last node to ask is waited for as long as the caller waits: a busy one is still the cluster's answer.
            if (attempt < asking.Count - 1)
                patience.CancelAfter(Patience);
            try
            {
                var answer = await base.SendAsync(request, patience.Token);
                Current = node;
                return answer;
            }
            catch (Exception e) when (attempt < asking.Count - 1 && !cancellationToken.IsCancellationRequested
                                      && e is HttpRequestException or OperationCanceledException)
            {
                // This node is away: the next one answers for the cluster.
            }
        }
    }
}
