using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Portal.Web.Tests.Support;

/// <summary>
/// Every log line the portal writes, with its scopes and exception: <see cref="PortalApp.Logs"/>.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public sealed record Line(string Category, LogLevel Level, string Message, string Scopes, string? Exception, IReadOnlyList<KeyValuePair<string, string?>> State)
    {
        public override string ToString() => $"{Level} {Category}: {Message} [{Scopes}] {Exception}";
    }

    public ConcurrentQueue<Line> Lines { get; } = new();

    public void AddTo(IServiceCollection services) => services.AddSingleton<ILoggerProvider>(this);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose() { }

    private sealed class Logger(CapturedLogs sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => sink._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<string>();
            sink._scopes.ForEachScope((scope, list) =>
            {
                list.Add(scope?.ToString() ?? "");
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs) list.AddRange(pairs.Select(p => $"{p.Key}={p.Value}"));
            }, scopes);
            // Read now: a request's state reads the request, which is gone once the request ends.
            var values = (state as IEnumerable<KeyValuePair<string, object?>> ?? []).Select(p => new KeyValuePair<string, string?>(p.Key, p.Value?.ToString())).ToList();
            sink.Lines.Enqueue(new Line(category, logLevel, formatter(state, exception), string.Join(" | ", scopes), exception?.ToString(), values));
        }
    }
}
