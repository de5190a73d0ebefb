namespace Mediation.Bench;

/// <summary>
/// What the benchmark's own RabbitMQ virtual hosts (<c>NAME</c>*) and PostgreSQL databases (<c>mediation_NAME_</c>*)
/// are called: <c>BENCH_NAMESPACE</c>, <c>bench</c> unless set. The broker and the database server are shared, so two
/// runs side by side (two checkouts on one machine) each keep to their own and never drop the other's.
/// </summary>
public static class BenchNamespace
{
    public static string Name { get; } = Environment.GetEnvironmentVariable("BENCH_NAMESPACE") is { Length: > 0 } name ? name : "bench";
}
