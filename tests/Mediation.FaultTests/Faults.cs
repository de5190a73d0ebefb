using System.Diagnostics;
using Mediation.IntegrationTests;

namespace Mediation.FaultTests;

/// <summary>The faults a round of cases meets: each starts the fault and returns what ends it.</summary>
public static class Faults
{
    public static readonly TimeSpan Outage = TimeSpan.FromSeconds(60);

    public delegate Task<Func<Task>> Fault(DistributedServices services);

    public static readonly IReadOnlyDictionary<string, Fault> All = new Dictionary<string, Fault>
    {
        ["broker stopped and started"] = async _ => { await Script("rabbitmq.sh", "stop"); return () => Script("rabbitmq.sh", "start"); },
        ["broker killed (kill -9)"] = async _ => { await KillBroker(); return () => Script("rabbitmq.sh", "start"); },
        ["requests killed (kill -9)"] = KillService("Requests"),
        ["verification killed (kill -9)"] = KillService("Verification"),
        ["handover killed (kill -9)"] = KillService("Handover"),
        ["operations killed (kill -9)"] = KillService("Operations"),
        ["PostgreSQL server stopped 60 s"] = async _ =>
        {
            await Script("postgres.sh", "stop");
            await Task.Delay(Outage);
            return () => Script("postgres.sh", "start");
        },
        ["verification's database refusing connections 60 s"] = async services =>
        {
            var outage = await services.DatabaseOutage("verification");
            await Task.Delay(Outage);
            return async () => await outage.DisposeAsync();
        },
    };

    private static Fault KillService(string service) => async services =>
    {
        await services.Main(service).Stop();
        return () => services.Restart(service);
    };

    private static async Task KillBroker()
    {
        var pid = await File.ReadAllTextAsync(Path.Combine(DistributedServices.BrokerDirectory, "rabbitmq.pid"));
        using var beam = Process.GetProcessById(int.Parse(pid.Trim(), System.Globalization.CultureInfo.InvariantCulture));
        beam.Kill();
        await beam.WaitForExitAsync();
    }

    private static Task Script(string script, string argument) => DistributedServices.Run(Path.Combine(Repository.Root, "scripts", script), argument);
}
