using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.Web.Hosting;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Hardening;

public sealed class ObservabilityTests
{
    [Fact]
    public async Task Readiness_names_the_database_the_storage_and_hangfire()
    {
        await using var app = new PortalApp();
        using var response = await app.CreateClient().GetAsync(Observability.ReadinessPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        var checks = json.RootElement.GetProperty("checks");
        foreach (var name in new[] { "database", "storage", "hangfire" })
            Assert.Equal("Healthy", checks.GetProperty(name).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_failing_readiness_check_is_a_503_while_liveness_stays_200()
    {
        await using var app = new PortalApp
        {
            TestServices = s => s.AddHealthChecks().AddCheck("broken", () => HealthCheckResult.Unhealthy("test"), tags: ["ready"]),
        };
        var client = app.CreateClient();

        using var ready = await client.GetAsync(Observability.ReadinessPath);
        using var live = await client.GetAsync(Observability.LivenessPath);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_are_for_the_machine_itself_only()
    {
        await using var app = new PortalApp();

        using var remote = await app.CreateClient().GetAsync(Observability.MetricsPath);
        var forwarded = await ScrapeAsync(app, forwardedFor: "203.0.113.7");

        Assert.Equal(HttpStatusCode.NotFound, remote.StatusCode);
        Assert.Equal(StatusCodes.Status404NotFound, forwarded.Status);
    }

    [Fact]
    public async Task An_operator_may_read_the_metrics_from_anywhere_other_staff_may_not()
    {
        await using var app = new PortalApp();
        await TestAccounts.CreateAsync(app, Portal.Infrastructure.Accounts.PortalRoles.Admin, "quantri.metrics");
        await TestAccounts.CreateAsync(app, Portal.Infrastructure.Accounts.PortalRoles.OfficeStaff, "canbo.metrics", officeCode: "00106");
        var (admin, _, _) = await TestAccounts.SignInAsync(app, "quantri.metrics");
        var (staff, _, _) = await TestAccounts.SignInAsync(app, "canbo.metrics");

        using var forAdmin = await admin.Http.GetAsync(Observability.MetricsPath);
        using var forStaff = await staff.Http.GetAsync(Observability.MetricsPath);

        Assert.Equal(HttpStatusCode.OK, forAdmin.StatusCode);
        Assert.Contains("portal_outbox_messages", await forAdmin.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, forStaff.StatusCode);
    }

    [Fact]
    public async Task Metrics_count_submissions_login_failures_outbox_messages_and_requests_in_prometheus_format()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new PortalApp { Clock = clock };
        await Mau01Journey.RegisterIndividualAsync(app);
        var browser = new Mau01Client(app.CreateClient());
        var login = await browser.GetAsync("/dang-nhap");
        await browser.PostAsync(login, "/dang-nhap", new()
        {
            ["Input.UserName"] = "0999999999", ["Input.Password"] = "sai-mat-khau", ["Input.CaptchaAnswer"] = PortalApp.CaptchaCode,
        }, formSelector: "main form");
        // The dispatcher may move the submission's messages between pending, sent and (without a gateway) dead while
        // the test runs; what the gauge must show is every message, under one status each, as the database has them.
        // It counts from the database at most every 15 s, so each scrape first lets the last count expire.
        long stored;
        await using (var scope = app.Services.CreateAsyncScope())
            stored = await scope.ServiceProvider.GetRequiredService<Portal.Infrastructure.Persistence.PortalDbContext>().OutboxMessages.LongCountAsync();
        Assert.True(stored > 0, "the submission queued no message");
        var (status, text) = (0, "");
        Dictionary<string, long> byStatus = [];
        for (var attempt = 0; attempt < 20 && byStatus.Values.Sum() != stored; attempt++)
        {
            if (attempt > 0) await Task.Delay(400);   // past any cache the exporter keeps of its last scrape
            clock.Advance(Portal.Infrastructure.Telemetry.PortalMetrics.OutboxCacheDuration);
            (status, text) = await ScrapeAsync(app);
            byStatus = System.Text.RegularExpressions.Regex.Matches(text, @"(?m)^portal_outbox_messages\{[^}]*status=""(\w+)""[^}]*\} (\d+)")
                .ToDictionary(m => m.Groups[1].Value, m => long.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.Matches(@"(?m)^portal_submissions_total\{[^}]*kind=""Individual""[^}]*\} [1-9]", text);
        Assert.Matches(@"(?m)^portal_login_failures_total\{[^}]*reason=""password""[^}]*\} [1-9]", text);
        Assert.Equal(["dead", "pending", "sent"], byStatus.Keys.Order());
        Assert.True(byStatus.Values.Sum() == stored,
            $"{stored} messages stored; the gauge: {string.Join(", ", byStatus.Select(p => $"{p.Key} {p.Value}"))}; the portal's warnings: "
            + string.Join(" | ", app.Logs.Lines.Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).Select(l => l.Message)));
        Assert.Contains("http_server_request_duration_seconds", text);
    }

    [Theory]
    [InlineData("Production", null, true)]
    [InlineData("Testing", null, false)]
    [InlineData("Testing", "json", true)]
    public async Task Logs_are_json_lines_with_scopes_in_production_or_when_configured(string environment, string? formatter, bool json)
    {
        await using var app = new PortalApp { Environment = environment };
        if (formatter is not null) app.Settings["Logging:Console:FormatterName"] = formatter;
        _ = app.Server;

        var console = app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;

        Assert.Equal(json, console.FormatterName == ConsoleFormatterNames.Json);
        Assert.True(app.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue.IncludeScopes);
    }

    private static async Task<(int Status, string Text)> ScrapeAsync(PortalApp app, string? forwardedFor = null)
    {
        var context = await app.Server.SendAsync(http =>
        {
            http.Request.Method = HttpMethods.Get;
            http.Request.Path = Observability.MetricsPath;
            http.Connection.RemoteIpAddress = IPAddress.Loopback;
            if (forwardedFor is not null) http.Request.Headers["X-Forwarded-For"] = forwardedFor;
        });
        using var reader = new StreamReader(context.Response.Body);
        return (context.Response.StatusCode, await reader.ReadToEndAsync());
    }
}
