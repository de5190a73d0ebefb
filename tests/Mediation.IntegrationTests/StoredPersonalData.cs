using System.Text;
using Mediation.Host.Demo;

namespace Mediation.IntegrationTests;

/// <summary>What a copied database must not reveal: the reference children's and relatives' details, as they would be stored in clear.</summary>
public static class StoredPersonalData
{
    public static IReadOnlyList<string> Details()
    {
        var entries = ReferenceChildren.All(DateOnly.FromDateTime(DateTime.UtcNow));
        var places = entries.SelectMany(e => new[] { e.Request.Child.LastKnownPlace, e.FoundAt })
            .SelectMany(p => new[] { p.Region, p.Settlement, p.Institution });
        var births = entries.Select(e => e.Request.Child.BirthDate).Select(d => $"{d.Year:D4}-{d.Month:D2}-{d.Day:D2}");
        return ReferenceChildren.PersonalDetails(entries).Concat(places).Concat(births)
            .Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>A file's bytes as a copy taken while the service runs would hold them.</summary>
    public static byte[] Copy(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The details found in <paramref name="stored"/>, in UTF-8 (how SQLite and PostgreSQL keep text).</summary>
    public static List<string> FoundIn(byte[] stored) =>
        Details().Where(d => stored.AsSpan().IndexOf(Encoding.UTF8.GetBytes(d)) >= 0).ToList();
}
