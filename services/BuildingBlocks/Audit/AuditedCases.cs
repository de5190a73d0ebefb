using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Mediation.BuildingBlocks.Audit;

/// <summary>
/// The cases a call is about, read from its messages by protobuf reflection, with one rule for every method
/// instead of a table per method: cases are named <c>cases/{case_id}</c>, alone or as the parent of a
/// resource (<c>cases/{case_id}/checklist</c>).
/// </summary>
public static class AuditedCases
{
    /// <summary>More than this many (a hostile list) are not recorded one by one; a page holds at most 500, and a stream records its cases in batches of <see cref="AuditInterceptor.StreamBatch"/> as it goes.</summary>
    private const int MaxCases = 500;
    private const int MaxIdLength = 100;
    private const string Prefix = "cases/";

    /// <summary>Every case a request names in its own string fields, e.g. <c>name</c>, <c>parent</c>, <c>cases</c>.</summary>
    public static List<string> Named(IMessage request)
    {
        var ids = new List<string>();
        foreach (var field in request.Descriptor.Fields.InFieldNumberOrder())
            if (field.FieldType == FieldType.String)
                foreach (var value in Values(field, request))
                    Add(ids, value as string);
        return ids;
    }

    /// <summary>
    /// The cases a response hands out (for calls whose request names none, e.g. SubmitRequest or ListCases):
    /// the fields called <c>name</c> or <c>case</c> of the response and of the messages within it, two levels deep.
    /// </summary>
    public static void Returned(IMessage response, List<string> ids, int depth = 0)
    {
        foreach (var field in response.Descriptor.Fields.InFieldNumberOrder())
        {
            if (field.FieldType == FieldType.String && field.Name is "name" or "case")
                foreach (var value in Values(field, response))
                    Add(ids, value as string);
            else if (field.FieldType == FieldType.Message && depth < 2 && !field.IsMap)
                foreach (var value in Values(field, response))
                    if (value is IMessage inner)
                        Returned(inner, ids, depth + 1);
        }
    }

    private static IEnumerable Values(FieldDescriptor field, IMessage message)
    {
        var value = field.Accessor.GetValue(message);
        return field.IsRepeated ? (IEnumerable)value : new[] { value };
    }

    private static void Add(List<string> ids, string? name)
    {
        if (name is null || !name.StartsWith(Prefix, StringComparison.Ordinal) || ids.Count >= MaxCases)
            return;
        var id = name.AsSpan(Prefix.Length);
        var end = id.IndexOf('/');
        var caseId = (end < 0 ? id : id[..end]).ToString();
        if (caseId.Length is > 0 and <= MaxIdLength && !ids.Contains(caseId))
            ids.Add(caseId);
    }
}
