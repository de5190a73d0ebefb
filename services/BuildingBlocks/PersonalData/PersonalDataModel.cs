using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mediation.BuildingBlocks.PersonalData;

/// <summary>
/// How a service's model says which columns hold personal data. The marks are read when the model is
/// finalised (<see cref="PersonalDataConvention"/>), which encrypts those columns with the process's keys.
/// </summary>
public static class PersonalDataModel
{
    internal const string Personal = "Mediation:PersonalData";
    internal const string BlindIndexOf = "Mediation:BlindIndexOf";

    /// <summary>Stored encrypted; readable only through this service, with its keys.</summary>
    public static PropertyBuilder<T> IsPersonal<T>(this PropertyBuilder<T> property) =>
        property.HasAnnotation(Personal, true);

    /// <summary>
    /// Adds beside this personal property the indexed shadow column <paramref name="indexName"/>, which holds
    /// its blind index and is kept up to date on every save: rows are found by comparing that column with
    /// <see cref="Persistence.ServiceDbContext.BlindIndexOf{TEntity}"/> of the value sought.
    /// </summary>
    public static PropertyBuilder<T> HasBlindIndex<T>(this PropertyBuilder<T> property, string indexName)
    {
        var entity = (IMutableEntityType)property.Metadata.DeclaringType;
        var index = entity.AddProperty(indexName, typeof(string));
        index.SetAnnotation(BlindIndexOf, property.Metadata.Name);
        index.SetMaxLength(32);
        index.IsNullable = true;
        entity.AddIndex(index);
        return property;
    }

    /// <summary>The name a field's values are bound to when encrypted and indexed: renaming the class or property would orphan them.</summary>
    public static string FieldName(Type declaringType, string property) => declaringType.Name + "." + property;
}
