using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Mediation.BuildingBlocks.PersonalData;

/// <summary>Keeps each blind index column (<see cref="PersonalDataModel.HasBlindIndex{T}"/>) in step with its source before a save.</summary>
public static class BlindIndexes
{
    public static void Refresh(ChangeTracker tracker, PersonalDataCipher cipher)
    {
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
