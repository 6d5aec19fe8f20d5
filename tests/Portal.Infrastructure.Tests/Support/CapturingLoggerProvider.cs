using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Portal.Infrastructure.Tests.Support;

/// <summary>Keeps every log entry written through it, with its rendered text and its structured values.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public ILogger<T> CreateLogger<T>() => new LoggerFactory([this]).CreateLogger<T>();

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
            entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception),
                values.Select(v => $"{v.Key}={v.Value}").ToList(), exception));
        }
    }
}

/// <param name="Values">The structured values as <c>name=value</c>, the template included (<c>{OriginalFormat}=…</c>).</param>
public sealed record LogEntry(string Category, LogLevel Level, string Message, IReadOnlyList<string> Values, Exception? Exception)
{
    /// <summary>Everything the entry could put in a log sink.</summary>
    public string AllText => string.Join("\n", [Category, Message, .. Values, Exception?.ToString() ?? ""]);
}
