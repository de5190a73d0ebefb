using Grpc.Core;
using Mediation.BuildingBlocks.Api;
using Mediation.Client;
using RequestsApi = Mediation.Api.Requests.V1;

namespace Mediation.Bench;

/// <summary>
/// What intake and a party's reads cost with however many cases the host already stores (<see cref="SeededCases"/>
/// puts them there): SubmitRequest at the same mix as intake, its rate and the process's CPU per call; then, as the
/// requesting party, GetCase of any of its cases, ListCases' first page and a page deep in its list (keyset paged:
/// the page after the case nine tenths of the way down), each with its latency and the process's CPU per call; and the
/// process's resident memory now and at its peak. CPU is read as <see cref="Costs"/> reads it: the process's own,
/// over a span in which only that kind of call reaches it, the intake's events consumed before it ends.
/// </summary>
public static class Growth
{
    public sealed record Reads(Load.Result Load, Costs.Cost Cost);

    public sealed record Outcome(Load.Result Intake, Costs.Cost IntakeCost, int VisibleCases, Reads GetCase, Reads ListFirst, Reads ListDeep,
        long ResidentMb, long PeakResidentMb);

    public static async Task<Outcome> Run(string target, int pid, string requesterKey, string run, int concurrency, int readConcurrency,
        TimeSpan warmup, TimeSpan span)
    {
        using var channel = MediationConnection.Channel(new Uri(target));
        var requests = new RequestsApi.RequestsService.RequestsServiceClient(channel);
        var requester = new Metadata { { "authorization", "Bearer " + requesterKey }, { "x-officer", "bench" } };

        // A fresh host's code is jitted and tiered up before anything is measured.
        if (warmup > TimeSpan.Zero)
            await Load.Run(concurrency, TimeSpan.Zero, warmup, (_, n) => requests.SubmitRequestAsync(IntakeRequests.For(run, n), requester).ResponseAsync);
        Load.Result intake = null!;
        var intakeCost = await Costs.Measure("intake", pid, async () =>
        {
            intake = await Load.Run(concurrency, TimeSpan.Zero, span, (_, n) => requests.SubmitRequestAsync(IntakeRequests.For(run, n), requester).ResponseAsync);
            return intake.Calls;
        });

        // The party's whole list, in pages of the largest size: every case's name, and where each page starts.
        var names = new List<string>();
        var tokens = new List<string>();
        var token = "";
        do
        {
            var page = await requests.ListCasesAsync(new() { PageSize = Paging.MaxPageSize, PageToken = token }, requester);
            names.AddRange(page.Cases.Select(c => c.Name));
            token = page.NextPageToken;
            if (token.Length > 0)
                tokens.Add(token);
        }
        while (token.Length > 0);
        // The page that starts nine tenths of the way down the list (the first, when the list fits in one page).
        var deep = tokens.Count == 0 ? "" : tokens[Math.Min(tokens.Count - 1, tokens.Count * 9 / 10)];

        // A party with no case yet (a smoke check on a fresh host) has nothing to read; its reads are then refusals.
        if (names.Count == 0)
            names.Add("cases/none");
        Task GetCase(long n) => requests.GetCaseAsync(new() { Name = names[(int)((n * 7919) % names.Count)] }, requester).ResponseAsync;
        Task ListFirst() => requests.ListCasesAsync(new(), requester).ResponseAsync;
        Task ListDeep() => requests.ListCasesAsync(new() { PageToken = deep }, requester).ResponseAsync;
        if (warmup > TimeSpan.Zero)
        {
            await Load.Run(readConcurrency, TimeSpan.Zero, warmup / 8, (_, n) => GetCase(n));
            await Load.Run(readConcurrency, TimeSpan.Zero, warmup / 8, (_, _) => ListDeep());
        }
        async Task<Reads> Read(string kind, Func<long, Task> call)
        {
            Load.Result load = null!;
            var cost = await Costs.Measure(kind, pid, async () =>
            {
                load = await Load.Run(readConcurrency, TimeSpan.Zero, span, (_, n) => call(n));
                return load.Calls;
            });
            return new Reads(load, cost);
        }
        var getCase = await Read("get_case", GetCase);
        var listFirst = await Read("list_first", _ => ListFirst());
        var listDeep = await Read("list_deep", _ => ListDeep());
        var (resident, peak) = Memory(pid);
        return new Outcome(intake, intakeCost, names.Count, getCase, listFirst, listDeep, resident, peak);
    }

    /// <summary>VmRSS and VmHWM of the process, in MB.</summary>
    public static (long Resident, long Peak) Memory(int pid)
    {
        long Field(string[] lines, string name) =>
            lines.Where(l => l.StartsWith(name + ":", StringComparison.Ordinal))
                .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024).FirstOrDefault();
        var status = File.ReadAllLines($"/proc/{pid}/status");
        return (Field(status, "VmRSS"), Field(status, "VmHWM"));
    }
}
