using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Mediation.Cli.Output;

/// <summary>
/// --json: what a script reads. The API's own messages are printed in the protobuf JSON mapping (the same
/// names and enum values as the protos), one document per command on standard output.
/// </summary>
public static class Json
{
    // The google.rpc details of a refusal travel as Any: the formatter must know their types to print them.
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false)
        .WithTypeRegistry(TypeRegistry.FromFiles(Google.Rpc.ErrorDetailsReflection.Descriptor)));
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions OneLine = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonNode Of(IMessage message) => JsonNode.Parse(Formatter.Format(message))!;

    public static void Write(TextWriter output, IMessage message) => Write(output, Of(message));

    public static void Write(TextWriter output, JsonNode node) => output.WriteLine(node.ToJsonString(Indented));

    /// <summary>One object on one line: a stream of them reads as JSON Lines.</summary>
    public static void WriteLine(TextWriter output, IMessage message) => output.WriteLine(Of(message).ToJsonString(OneLine));
}
