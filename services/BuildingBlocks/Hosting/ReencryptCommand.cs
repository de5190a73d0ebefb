using Mediation.BuildingBlocks.PersonalData;
using Mediation.BuildingBlocks.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mediation.BuildingBlocks.Hosting;

/// <summary>
/// <c>reencrypt</c>: with the process's usual settings, brings each of its databases to the current schema,
/// then every personal value to the active key and every blind index to the index key (<see cref="PersonalDataRewrite"/>),
/// prints what it rewrote and exits. Safe while the service runs.
/// </summary>
public static class ReencryptCommand
{
    public const string Verb = "reencrypt";
    public const string Usage = "reencrypt [--setting value ...]   rewrite stored personal data under the active key, then exit";

    public static bool Requested(string[] args) => args.Length > 0 && args[0] == Verb;

    public static async Task<int> Run(WebApplication app, TextWriter output, CancellationToken ct = default)
    {
        var active = app.Services.GetRequiredService<PersonalDataCipher>().ActiveKeyId;
        foreach (var database in app.Services.GetServices<ServiceDatabase>())
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = (ServiceDbContext)scope.ServiceProvider.GetRequiredService(database.Context);
            await db.Database.MigrateAsync(ct);
            var tally = await PersonalDataRewrite.Run(db, ct);
            await output.WriteLineAsync($"{database.Name}: {tally.Values} values rewritten under key '{active}', {tally.Indexes} blind indexes rewritten");
        }
        return 0;
    }
}
