using System.Net;
using System.Text.Json;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Metrics;
using Portal.Infrastructure;
using Portal.Infrastructure.Accounts;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Telemetry;

namespace Portal.Web.Hosting;

/// <summary>
/// Logs, health and metrics for operators.
/// <list type="bullet">
/// <item>Logs: JSON lines on the console (the built-in JSON formatter, scopes with trace and span ids included) in
/// Production, or wherever <c>Logging:Console:FormatterName</c> is <c>json</c>; the simple formatter elsewhere.</item>
/// <item><c>/healthz</c>: liveness, answers 200 "Healthy" without touching anything (load balancers, bench scripts).</item>
/// <item><c>/readyz</c>: readiness, the database (EF's <c>AddDbContextCheck</c>), the data folder writable, Hangfire's
/// storage reachable; 503 when one fails, a JSON body naming each check's status.</item>
/// <item><c>/metrics</c>: OpenTelemetry metrics in Prometheus text format (ASP.NET Core's request metrics and the
/// <see cref="PortalMetrics"/> meter), for a scraper on the same machine (a loopback connection without
/// <c>X-Forwarded-For</c>) or a signed-in operator (Admin role); 404 for anyone else.</item>
/// </list>
/// </summary>
public static class Observability
{
    public const string LivenessPath = "/healthz";
    public const string ReadinessPath = "/readyz";
    public const string MetricsPath = "/metrics";
    private const string ReadyTag = "ready";

    public static WebApplicationBuilder AddPortalObservability(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        if (builder.Environment.IsProduction() && string.IsNullOrEmpty(builder.Configuration["Logging:Console:FormatterName"]))
            builder.Logging.AddJsonConsole();
        services.Configure<JsonConsoleFormatterOptions>(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
        });
        services.Configure<LoggerFactoryOptions>(o =>
            o.ActivityTrackingOptions |= ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

        services.AddHealthChecks()
            .AddDbContextCheck<PortalDbContext>("database", tags: [ReadyTag])
            .AddCheck<StorageHealthCheck>("storage", tags: [ReadyTag])
            .AddCheck<HangfireHealthCheck>("hangfire", tags: [ReadyTag]);

        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter(PortalMetrics.MeterName)
            .AddPrometheusExporter());
        return builder;
    }

    /// <summary>After authentication: <c>/metrics</c> only for the machine itself or an operator.</summary>
    public static IApplicationBuilder UseMetricsGate(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (http.Request.Path.StartsWithSegments(MetricsPath) && !MayScrape(http))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next();
        });

    internal static bool MayScrape(HttpContext http) =>
        // Through a proxy on the same machine (nginx) the connection is loopback too: a forwarded request is not local.
        (http.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip) && !http.Request.Headers.ContainsKey("X-Forwarded-For"))
        || http.User.IsInRole(PortalRoles.Admin);

    public static void MapObservability(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(LivenessPath, new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks(ReadinessPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteReadinessAsync,
        });
        app.MapPrometheusScrapingEndpoint(MetricsPath);
    }

    /// <summary>Each check's status, never its exception (which may name hosts or paths).</summary>
    private static Task WriteReadinessAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description }),
        }));
    }

    /// <summary>The data folder takes a file: photos, PDFs and keys are written there.</summary>
    private sealed class StorageHealthCheck(PortalPaths paths) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var probe = Path.Combine(paths.DataDirectory, $".readyz-{Guid.NewGuid():N}");
            try
            {
                await File.WriteAllBytesAsync(probe, [1], cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return HealthCheckResult.Unhealthy("data folder not writable");
            }
            finally
            {
                try { File.Delete(probe); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }
    }

    /// <summary>Hangfire's storage answers a read (PostgreSQL shared by the instances, or memory).</summary>
    private sealed class HangfireHealthCheck(JobStorage storage) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                using var connection = storage.GetConnection();
                connection.GetAllItemsFromSet("recurring-jobs");
                return Task.FromResult(HealthCheckResult.Healthy());
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy("Hangfire storage unreachable"));
            }
        }
    }
}
