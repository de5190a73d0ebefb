using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Mediation.BuildingBlocks.Audit;

/// <summary>
/// The cases a call is about, read from its messages by protobuf reflection, from the fields
/// <see cref="AuditedCaseFields"/> declares only: a case named <c>cases/{case_id}</c>, alone or as the parent of a
/// resource (<c>cases/{case_id}/checklist</c>), in the request or anywhere within the response.
/// </summary>
public static class AuditedCases
{
    /// <summary>More than this many (a hostile list) are not recorded one by one; a page holds at most 500, and a stream records its cases in batches of <see cref="AuditInterceptor.StreamBatch"/> as it goes.</summary>
    private const int MaxCases = 500;
    private const int MaxIdLength = 100;
    /// <summary>Deep enough for a batch's children (response → batch → child); the API nests no case deeper.</summary>
    private const int MaxDepth = 3;
    private const string Prefix = "cases/";

    /// <summary>The cases a request names, e.g. in <c>name</c>, <c>parent</c>, <c>cases</c>.</summary>
    public static List<string> Named(IMessage request)
    {
        var ids = new List<string>();
        Collect(request, ids, 0);
        return ids;
    }

    /// <summary>Adds the cases a response (or a streamed message) hands out or creates, e.g. a new request's cases.</summary>
    public static void Returned(IMessage response, List<string> ids) => Collect(response, ids, 0);

    private static void Collect(IMessage message, List<string> ids, int depth)
    {
        foreach (var field in AuditedCaseFields.Of(message.Descriptor))
            foreach (var value in Values(field, message))
                Add(ids, value as string);
        if (depth >= MaxDepth)
            return;
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
            if (field.FieldType == FieldType.Message && !field.IsMap)
                foreach (var value in Values(field, message))
                    if (value is IMessage inner)
                        Collect(inner, ids, depth + 1);
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
