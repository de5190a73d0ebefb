using Mediation.BuildingBlocks.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Mediation.UnitTests;

/// <summary>Every process's console log: one line per entry, starting with its UTC time; an exception's text indented below it.</summary>
public class LogFormatTests
{
    private const string Start = @"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z ";

    [Fact]
    public void An_entry_is_one_line_that_starts_with_its_UTC_time()
    {
        var before = DateTimeOffset.UtcNow;
        var text = Write(LogLevel.Warning, "first\nsecond\r\nthird", exception: null);

        Assert.Matches(Start + @"warn: Test\.Category\[7\] first second third\n$", text);
        var time = DateTimeOffset.Parse(text[..24], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(time, before.AddMilliseconds(-1), DateTimeOffset.UtcNow);
    }

    [Fact]
    public void An_exception_follows_its_entry_on_indented_lines()
    {
        Exception failure;
        try
        {
            throw new InvalidOperationException("outer", new TimeoutException("inner"));
        }
        catch (InvalidOperationException e)
        {
            failure = e;
        }

        var lines = Write(LogLevel.Error, "consume failed", failure).TrimEnd('\n').Split('\n');

        Assert.Matches(Start + @"fail: Test\.Category\[7\] consume failed$", lines[0]);
        Assert.All(lines.Skip(1), line => Assert.StartsWith("    ", line));
        Assert.Equal("    System.InvalidOperationException: outer", lines[1]);
        Assert.Contains(lines, l => l.Contains("System.TimeoutException: inner", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("at Mediation.UnitTests.LogFormatTests", StringComparison.Ordinal));
    }

    [Fact]
    public void The_console_uses_it_unless_the_settings_name_another_formatter()
    {
        Assert.Equal(LogFormat.FormatterName, FormatterName(configured: null));
        Assert.Equal("json", FormatterName(configured: "json"));
    }

    private static string Write(LogLevel level, string message, Exception? exception)
    {
        var writer = new StringWriter();
        new LogFormat().Write(new LogEntry<string>(level, "Test.Category", new EventId(7), message, exception, (m, _) => m), null, writer);
        return writer.ToString();
    }

    private static string? FormatterName(string? configured)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            logging.AddConsole(o => o.FormatterName = configured);
            LogFormat.Use(logging);
        });
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<ConsoleLoggerOptions>>().Value.FormatterName;
    }
}
