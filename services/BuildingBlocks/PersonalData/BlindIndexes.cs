using Microsoft.EntityFrameworkCore;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Mediation.BuildingBlocks.PersonalData;

/// <summary>Keeps each blind index column (<see cref="PersonalDataModel.HasBlindIndex{T}"/>) in step with its source before a save.</summary>
public static class BlindIndexes
{
    // Whether a model has any blind index at all, worked out once per model: most have none, and then a
    // save need not go over its entries (which also makes EF detect changes once more).
    private static readonly ConditionalWeakTable<IModel, object> Indexed = new();

    public static void Refresh(ChangeTracker tracker, PersonalDataCipher cipher)
    {
        var model = tracker.Context.Model;
        if (!(bool)Indexed.GetValue(model, m => m.GetEntityTypes().SelectMany(e => e.GetProperties())
                .Any(p => p.FindAnnotation(PersonalDataModel.BlindIndexOf) is not null)))
            return;
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
                continue;
            foreach (var index in entry.Metadata.GetProperties())
            {
                if (index.FindAnnotation(PersonalDataModel.BlindIndexOf)?.Value is not string source)
                    continue;
                var value = entry.Property(source).CurrentValue;
                var field = PersonalDataModel.FieldName(entry.Metadata.ClrType, source);
                var current = value is null ? null : cipher.BlindIndex(value, field);
                if (!Equals(entry.Property(index.Name).CurrentValue, current))
                    entry.Property(index.Name).CurrentValue = current;
            }
        }
    }
}
