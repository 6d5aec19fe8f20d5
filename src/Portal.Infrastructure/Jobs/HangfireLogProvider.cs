using Hangfire.Logging;
using Microsoft.Extensions.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Portal.Infrastructure.Jobs;

/// <summary>
/// Hangfire's logs into the host's logging. Hangfire keeps its log provider, and loggers made from it,
/// process-wide; a host that stopped leaves its disposed logger factory behind for the next host in the
/// same process (tests), so a logger is made on first use and a disposed factory drops the line.
/// </summary>
internal sealed class HangfireLogProvider(ILoggerFactory factory) : ILogProvider
{
    public ILog GetLogger(string name) => new ForwardingLog(factory, name);

    private sealed class ForwardingLog(ILoggerFactory factory, string name) : ILog
    {
        private ILogger? _logger;

        public bool Log(HangfireLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                var logger = _logger ??= factory.CreateLogger(name);
                var level = ToLevel(logLevel);
                // Without a message Hangfire only asks whether the level is on.
                if (messageFunc is null) return logger.IsEnabled(level);
                logger.Log(level, exception, "{HangfireMessage}", messageFunc());
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }

        private static LogLevel ToLevel(HangfireLevel level) => level switch
        {
            HangfireLevel.Trace => LogLevel.Trace,
            HangfireLevel.Debug => LogLevel.Debug,
            HangfireLevel.Info => LogLevel.Information,
            HangfireLevel.Warn => LogLevel.Warning,
            HangfireLevel.Error => LogLevel.Error,
            HangfireLevel.Fatal => LogLevel.Critical,
            _ => LogLevel.None,
        };
    }
}
