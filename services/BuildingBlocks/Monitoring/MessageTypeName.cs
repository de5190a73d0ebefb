namespace Mediation.BuildingBlocks.Monitoring;

/// <summary>A message type's short name, worked out once per type: <c>CaseSubmitted</c>, <c>Fault&lt;CaseSubmitted&gt;</c>.</summary>
public static class MessageTypeName<T>
{
    public static readonly string Value = MessageTypeName.Of(typeof(T));
}

public static class MessageTypeName
{
    public static string Of(Type type) => type.IsGenericType
        ? $"{type.Name[..type.Name.IndexOf('`')]}<{string.Join(",", type.GetGenericArguments().Select(Of))}>"
        : type.Name;
}
