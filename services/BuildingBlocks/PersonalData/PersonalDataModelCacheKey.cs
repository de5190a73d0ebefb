using Mediation.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Mediation.BuildingBlocks.PersonalData;

/// <summary>
/// EF builds a context's model once per type and caches it; the model holds the encrypting converters,
/// so two hosts in one process with different keys (a key rotation test, say) need a model each.
/// </summary>
public sealed class PersonalDataModelCacheKey : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), designTime, (context as ServiceDbContext)?.PersonalData.Fingerprint);
}
