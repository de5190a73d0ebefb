using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Mediation.BuildingBlocks.Hosting;

/// <summary>
/// The console log every process writes: one line per entry, starting with its UTC time in ISO 8601,
/// <c>2026-11-30T21:40:03.123Z info: Category[event] message</c>, so an operator can sort, grep and
/// merge the logs of several processes. A line break inside a message becomes a space. An exception's
/// text (type, message, stack trace) follows on lines of its own, each indented, as part of the same
/// entry: every entry, and only an entry, starts a line with its timestamp.
/// </summary>
public sealed class LogFormat() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "mediation";
    private const string ContinuationIndent = "    ";

    /// <summary>Makes <see cref="LogFormat"/> the console's formatter, unless the settings name another (<c>Logging:Console:FormatterName</c>, e.g. <c>json</c>).</summary>
    public static void Use(ILoggingBuilder logging)
    {
        logging.AddConsoleFormatter<LogFormat, ConsoleFormatterOptions>();
        logging.Services.Configure<ConsoleLoggerOptions>(o => o.FormatterName ??= FormatterName);
    }

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
            return;
        textWriter.Write(DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        textWriter.Write(' ');
        textWriter.Write(Level(logEntry.LogLevel));
        textWriter.Write(": ");
        textWriter.Write(logEntry.Category);
        textWriter.Write('[');
        textWriter.Write(logEntry.EventId.Id.ToString(CultureInfo.InvariantCulture));
        textWriter.Write(']');
        if (!string.IsNullOrEmpty(message))
        {
            textWriter.Write(' ');
            textWriter.Write(OneLine(message));
        }
        textWriter.Write('\n');
        if (logEntry.Exception is { } exception)
        {
            foreach (var line in exception.ToString().Split('\n'))
            {
                textWriter.Write(ContinuationIndent);
                textWriter.Write(line.TrimEnd('\r'));
                textWriter.Write('\n');
            }
        }
    }

    private static string OneLine(string text) =>
        text.Contains('\n') || text.Contains('\r') ? text.Replace("\r\n", " ").Replace('\n', ' ').Replace('\r', ' ') : text;

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => level.ToString().ToLowerInvariant(),
    };
}
