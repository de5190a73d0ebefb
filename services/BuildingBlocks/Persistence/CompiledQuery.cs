using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Mediation.BuildingBlocks.Persistence;

/// <summary>
/// A hot query compiled by EF once per model instead of being looked up in EF's query cache on every run,
/// which walks and hashes the whole expression tree each time (about a tenth of a service's CPU under load, by
/// profile). EF refuses to run a compiled query on a model other than the one it was compiled for, and a
/// process can hold several (SQLite and PostgreSQL, or each key set's model of personal data, in the tests):
/// so one compiled query per model.
/// </summary>
public sealed class CompiledQuery<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConcurrentDictionary<IModel, TQuery> _byModel = new();

    public TQuery For(DbContext db) => _byModel.GetOrAdd(db.Model, static (_, compile) => compile(), compile);
}
