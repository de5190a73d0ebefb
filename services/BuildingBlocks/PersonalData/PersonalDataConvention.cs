using System.Globalization;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Mediation.BuildingBlocks.PersonalData;

/// <summary>Gives every property marked <see cref="PersonalDataModel.IsPersonal{T}"/> a converter that encrypts it with <paramref name="cipher"/>.</summary>
public sealed class PersonalDataConvention(PersonalDataCipher cipher) : IModelFinalizingConvention
{
    public void ProcessModelFinalizing(IConventionModelBuilder modelBuilder, IConventionContext<IConventionModelBuilder> context)
    {
        foreach (var entity in modelBuilder.Metadata.GetEntityTypes())
        {
            foreach (var property in entity.GetDeclaredProperties().Where(p => p.FindAnnotation(PersonalDataModel.Personal) is not null))
            {
                var field = PersonalDataModel.FieldName(property.DeclaringType.ClrType, property.Name);
                property.Builder.HasConversion(ConverterFor(property.ClrType, field));
                // Bytes behind a converter are compared by reference unless told otherwise (EF warns at every
                // start); what is stored is the content, so compare that.
                if (property.ClrType == typeof(byte[]))
                    property.Builder.HasValueComparer(ByContent);
            }
        }
    }

    private static readonly ValueComparer<byte[]> ByContent = new(
        (a, b) => a == null ? b == null : b != null && a.SequenceEqual(b),
        v => v.Length,
        v => v.ToArray());

    private ValueConverter ConverterFor(Type type, string field)
    {
        if (type == typeof(string))
            return new ValueConverter<string, string>(v => cipher.Protect(v, field), v => cipher.Unprotect(v, field));
        if (type == typeof(byte[]))
            return new ValueConverter<byte[], byte[]>(v => cipher.Protect(v, field), v => cipher.Unprotect(v, field));
        if (type == typeof(DateOnly))
            return new ValueConverter<DateOnly, string>(
                v => cipher.Protect(v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), field),
                v => DateOnly.ParseExact(cipher.Unprotect(v, field), "yyyy-MM-dd", CultureInfo.InvariantCulture));
        throw new NotSupportedException($"{field}: personal data of type {type.Name} cannot be encrypted yet.");
    }
}
