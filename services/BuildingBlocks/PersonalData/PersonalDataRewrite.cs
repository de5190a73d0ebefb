using System.Data.Common;
using Mediation.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Mediation.BuildingBlocks.PersonalData;

/// <summary>
/// Brings every stored personal value to the active key, and every blind index to the index key: after a key
/// rotation, before the old key is removed; or once after upgrading a database written before encryption,
/// whose values are still in clear. Each row is rewritten only if it still holds what was read, so a
/// service may keep writing meanwhile: what it writes is already under the active key.
/// </summary>
public static class PersonalDataRewrite
{
    public sealed record Tally(int Values, int Indexes);

    public static async Task<Tally> Run(ServiceDbContext db, CancellationToken ct)
    {
        var cipher = db.PersonalData;
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        int values = 0, indexes = 0;
        foreach (var entity in db.Model.GetEntityTypes())
        {
            if (StoreObjectIdentifier.Create(entity, StoreObjectType.Table) is not { } table)
                continue;
            var personal = entity.GetProperties().Where(p => p.FindAnnotation(PersonalDataModel.Personal) is not null).ToList();
            if (personal.Count == 0)
                continue;
            var blind = entity.GetProperties().Where(p => p.FindAnnotation(PersonalDataModel.BlindIndexOf) is not null).ToList();
            var keys = entity.FindPrimaryKey()!.Properties;
            var columns = keys.Concat(personal).Concat(blind).ToList();
            string Column(IProperty p) => Quote(p.GetColumnName(table)!);

            var rows = new List<object?[]>();
            await using (var select = connection.CreateCommand())
            {
                select.CommandText = $"SELECT {string.Join(", ", columns.Select(Column))} FROM {Quote(table.Name)}";
                await using var reader = await select.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                    rows.Add(columns.Select((_, i) => reader.IsDBNull(i) ? null : reader.GetValue(i)).ToArray());
            }

            foreach (var row in rows)
            {
                object? Stored(IProperty p) => row[columns.IndexOf(p)];
                var changes = new List<(IProperty Property, object? Value)>();
                foreach (var p in personal)
                {
                    if (Stored(p) is { } stored && PersonalDataCipher.KeyIdOf(stored) != cipher.ActiveKeyId)
                        changes.Add((p, p.GetValueConverter()!.ConvertToProvider(Clear(p, stored))));
                }
                foreach (var index in blind)
                {
                    var source = entity.FindProperty((string)index.FindAnnotation(PersonalDataModel.BlindIndexOf)!.Value!)!;
                    var expected = Stored(source) is { } stored
                        ? cipher.BlindIndex(Clear(source, stored)!, PersonalDataModel.FieldName(entity.ClrType, source.Name))
                        : null;
                    if (!Equals(Stored(index), expected))
                        changes.Add((index, expected));
                }
                if (changes.Count == 0)
                    continue;

                await using var update = connection.CreateCommand();
                var set = changes.Select((c, i) => $"{Column(c.Property)} = {Parameter(update, $"@v{i}", c.Value)}");
                // Compare-and-set on what was read: a row the service rewrote meanwhile is already up to date.
                var where = keys.Concat(personal).Select((p, i) => Stored(p) is null
                    ? $"{Column(p)} IS NULL"
                    : $"{Column(p)} = {Parameter(update, $"@w{i}", Stored(p))}");
                update.CommandText = $"UPDATE {Quote(table.Name)} SET {string.Join(", ", set)} WHERE {string.Join(" AND ", where)}";
                if (await update.ExecuteNonQueryAsync(ct) == 1)
                {
                    values += changes.Count(c => personal.Contains(c.Property));
                    indexes += changes.Count(c => blind.Contains(c.Property));
                }
            }
        }
        // The rows' old versions stay in SQLite's write-ahead log until a checkpoint; PostgreSQL's stay until VACUUM (docs/security.md).
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", ct);
        await db.Database.CloseConnectionAsync();
        return new Tally(values, indexes);
    }

    // What a stored value says in clear: decrypted, or as it is when it was never encrypted.
    private static object? Clear(IProperty property, object stored)
    {
        var converter = property.GetValueConverter()!;
        if (PersonalDataCipher.KeyIdOf(stored) is not null)
            return converter.ConvertFromProvider(stored);
        return property.ClrType == typeof(DateOnly) ? DateOnly.Parse((string)stored, System.Globalization.CultureInfo.InvariantCulture) : stored;
    }

    private static string Parameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return name;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";
}
