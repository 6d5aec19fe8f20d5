using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Infrastructure.Outbox;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Telemetry;

/// <summary>
/// The portal's own instruments on the <c>Portal</c> meter (exported on <c>/metrics</c>, see the README): declarations
/// recorded, declarations deleted by the purge, failed sign-ins, and the outbox's messages by status (read from the
/// database at most every <see cref="OutboxCacheDuration"/>). Counters carry no personal data, only counts and kinds.
/// </summary>
public sealed class PortalMetrics
{
    public const string MeterName = "Portal";
    public static readonly TimeSpan OutboxCacheDuration = TimeSpan.FromSeconds(15);

    private readonly Counter<long> _submissions;
    private readonly Counter<long> _purgeDeletions;
    private readonly Counter<long> _loginFailures;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly ILogger<PortalMetrics> _logger;
    private readonly Lock _gate = new();
    private (DateTimeOffset At, Dictionary<OutboxStatus, long> Counts)? _outbox;

    public PortalMetrics(IMeterFactory meters, IServiceScopeFactory scopes, TimeProvider clock, ILogger<PortalMetrics> logger)
    {
        _scopes = scopes;
        _clock = clock;
        _logger = logger;
        var meter = meters.Create(MeterName);
        _submissions = meter.CreateCounter<long>("portal.submissions", "{declaration}", "Declarations recorded (Ghi nhận)");
        _purgeDeletions = meter.CreateCounter<long>("portal.purge.deletions", "{declaration}", "Declarations deleted by the purge");
        _loginFailures = meter.CreateCounter<long>("portal.login.failures", "{attempt}", "Sign-ins refused (wrong password or locked out)");
        meter.CreateObservableGauge("portal.outbox.messages", ObserveOutbox, "{message}", "Outbox messages by status (pending, sent, dead)");
    }

    /// <param name="kind">Individual or Child.</param>
    public void Submitted(string kind) => _submissions.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void PurgeDeleted(int declarations)
    {
        if (declarations > 0) _purgeDeletions.Add(declarations);
    }

    /// <param name="reason">"password" or "locked-out".</param>
    public void LoginFailed(string reason) => _loginFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    private List<Measurement<long>> ObserveOutbox()
    {
        if (OutboxCounts() is not { } counts) return [];
        return Enum.GetValues<OutboxStatus>()
            .Select(status => new Measurement<long>(counts.GetValueOrDefault(status),
                new KeyValuePair<string, object?>("status", status.ToString().ToLowerInvariant())))
            .ToList();
    }

    private Dictionary<OutboxStatus, long>? OutboxCounts()
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            if (_outbox is { } cached && now - cached.At < OutboxCacheDuration) return cached.Counts;
            try
            {
                _outbox = (now, CountOutbox());
            }
            catch (Exception e)
            {
                // The database is away: the last counts stand (or none) until it answers; /readyz tells.
                _logger.LogWarning("Counting the outbox for /metrics failed ({Error}); the last counts stand", e.GetType().Name);
            }
            return _outbox?.Counts;
        }
    }

    private Dictionary<OutboxStatus, long> CountOutbox()
    {
        using var scope = _scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return db.OutboxMessages.AsNoTracking().GroupBy(m => m.Status)
            .Select(g => new { g.Key, Count = g.LongCount() })
            .ToDictionary(g => g.Key, g => g.Count);
    }
}
