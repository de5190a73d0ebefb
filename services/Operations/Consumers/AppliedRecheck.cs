using Mediation.BuildingBlocks.Hosting;

namespace Mediation.Operations.Consumers;

/// <summary>
/// Asks again, every <c>Operations:AppliedCheckSeconds</c> (default 300), whether open faults not yet known
/// applied have been applied since (<see cref="AppliedCheck.AskAgain"/>).
/// </summary>
public sealed class AppliedRecheck(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<AppliedRecheck> logger)
    : PeriodicScan(TimeSpan.FromSeconds(Seconds(configuration)), clock, logger)
{
    public const int DefaultSeconds = 300;

    public override async Task Scan(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AppliedCheck>().AskAgain(Clock.GetUtcNow().UtcDateTime, ct);
    }

    private static int Seconds(IConfiguration configuration) =>
        configuration.GetValue("Operations:AppliedCheckSeconds", DefaultSeconds) is var s and > 0
            ? s
            : throw new InvalidOperationException("Operations:AppliedCheckSeconds must be a whole number above 0.");
}
