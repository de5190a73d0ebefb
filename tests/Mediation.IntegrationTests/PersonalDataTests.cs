using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using MassTransit;
using Mediation.Host.Demo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mediation.IntegrationTests;

/// <summary>
/// The reference case runs through a host that records every message on its bus (as the bytes that
/// travel), every log line at Debug and above, every trace's tags and the metrics page: none may carry a
/// child's or a relative's name, contact or place.
/// </summary>
public class PersonalDataTests(PersonalDataTests.RecordingHost host) : IClassFixture<PersonalDataTests.RecordingHost>
{
    [Fact]
    public async Task No_name_contact_or_place_reaches_the_bus_the_logs_the_traces_or_the_metrics()
    {
        var outcome = await host.ReferenceCase;
        using var web = host.Web();
        var metrics = await web.GetStringAsync("/metrics");
        var personal = ReferenceChildren.PersonalDetails(ReferenceChildren.All(DateOnly.FromDateTime(DateTime.UtcNow)));

        // The recordings saw the case: an empty recording would pass for the wrong reason.
        Assert.True(host.Messages.Count >= outcome.Cases.Count * 10, $"{host.Messages.Count} messages recorded");
        Assert.Contains(host.Messages, m => m.Contains(outcome.Cases[0]["cases/".Length..], StringComparison.Ordinal));
        Assert.NotEmpty(host.LogLines);
        Assert.NotEmpty(host.TraceTags);

        foreach (var (where, texts) in new[] { ("bus", host.Messages.ToList()), ("logs", host.LogLines.ToList()), ("traces", host.TraceTags.ToList()), ("metrics", [metrics]) })
        {
            var leaks = personal.Where(p => texts.Any(t => t.Contains(p, StringComparison.OrdinalIgnoreCase))).ToList();
            Assert.True(leaks.Count == 0, $"{where} carries: {string.Join(", ", leaks)}");
        }
    }

    [Fact]
    public async Task A_copy_of_the_database_files_reveals_no_name_birth_date_place_or_contact()
    {
        var outcome = await host.ReferenceCase;
        var files = Directory.GetFiles(host.DataDirectory).Where(f => f.EndsWith(".db") || f.EndsWith(".db-wal")).ToList();
        Assert.Contains(files, f => Path.GetFileName(f) == "requests.db");
        var copy = files.SelectMany(StoredPersonalData.Copy).ToArray();

        // The copy holds the cases (their ids are not secret), so an empty copy would not pass for the wrong reason.
        Assert.True(copy.AsSpan().IndexOf(Encoding.UTF8.GetBytes(outcome.Cases[0]["cases/".Length..])) >= 0, "the case ids are in the files");
        Assert.True(StoredPersonalData.Details().Count > 50);
        var found = StoredPersonalData.FoundIn(copy);
        Assert.True(found.Count == 0, $"the database files reveal: {string.Join(", ", found)}");
    }

    public sealed class RecordingHost : EmbeddedHost, IReceiveObserver, ILoggerProvider
    {
        private readonly ActivityListener _traces;

        public RecordingHost()
        {
            _traces = new ActivityListener
            {
                ShouldListenTo = _ => true,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = a => TraceTags.Add(a.DisplayName + " " + string.Join(" ", a.TagObjects.Select(t => $"{t.Key}={t.Value}"))),
            };
            ActivitySource.AddActivityListener(_traces);
        }

        public ConcurrentBag<string> Messages { get; } = [];
        public ConcurrentBag<string> LogLines { get; } = [];
        public ConcurrentBag<string> TraceTags { get; } = [];

        protected override void Replace(IServiceCollection services)
        {
            services.AddReceiveObserver(_ => this);
            services.AddSingleton<ILoggerProvider>(this);
            services.Configure<LoggerFilterOptions>(o => o.MinLevel = LogLevel.Debug);
        }

        Task IReceiveObserver.PreReceive(ReceiveContext context)
        {
            Messages.Add(Encoding.UTF8.GetString(context.Body.GetBytes()));
            return Task.CompletedTask;
        }

        Task IReceiveObserver.PostReceive(ReceiveContext context) => Task.CompletedTask;
        Task IReceiveObserver.PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType) => Task.CompletedTask;
        Task IReceiveObserver.ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception) => Task.CompletedTask;
        Task IReceiveObserver.ReceiveFault(ReceiveContext context, Exception exception) => Task.CompletedTask;

        ILogger ILoggerProvider.CreateLogger(string categoryName) => new Recorder(categoryName, LogLines);

        void IDisposable.Dispose() => _traces.Dispose();

        private sealed class Recorder(string category, ConcurrentBag<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Add($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}
