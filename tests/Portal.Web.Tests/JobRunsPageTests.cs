using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Jobs;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Purge;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests;

public sealed class JobRunsPageTests
{
    private const string Url = "/quan-tri/lich-su-tac-vu";

    [Fact]
    public async Task The_job_history_lists_the_purge_runs()
    {
        await using var app = new PortalApp();
        var client = (await TestAccounts.AdminAsync(app)).Http;
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DeclarationPurger>().RunAsync();

        using var response = await client.GetAsync(Url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal("Lịch sử tác vụ", page.QuerySelector("h1")!.TextContent);
        var rows = page.QuerySelectorAll("table.job-runs tbody tr");
        var cells = Assert.Single(rows).QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal("Xóa tờ khai quá hạn", cells[0]);
        Assert.Equal("Thành công", cells[3]);
        Assert.Equal(["0", "0", "0", "0", "0"], cells[4..]);
    }

    [Fact]
    public async Task A_running_purge_shows_its_progress_and_refreshes_and_an_interrupted_one_says_so()
    {
        await using var app = new PortalApp();
        var started = new DateTimeOffset(2026, 11, 22, 19, 0, 0, TimeSpan.Zero); // 02:00 on 23/11 in Vietnam
        var killed = JobRun.Start(PurgeOptions.JobName, started.AddDays(-1));
        killed.RecordProgress(started.AddDays(-1).AddMinutes(3), 40_000, 0, 120_000, 0);
        killed.MarkInterrupted(killed.LastSeenAt);
        var running = JobRun.Start(PurgeOptions.JobName, started);
        running.RecordProgress(started.AddSeconds(25), 250_000, 0, 750_000, 12);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.JobRuns.AddRange(killed, running);
            await db.SaveChangesAsync();
        }
        var client = (await TestAccounts.AdminAsync(app)).Http;

        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(Url));

        Assert.Equal("10", page.QuerySelector("meta[http-equiv=refresh]")?.GetAttribute("content"));
        var rows = page.QuerySelectorAll("table.job-runs tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(["02:00:00", "— (cập nhật 23/11/2026 02:00:25)", "Đang chạy", "250000", "0", "750000", "12"],
            [rows[0][1][^8..], rows[0][2], rows[0][3], rows[0][4], rows[0][5], rows[0][6], rows[0][7]]);
        Assert.Equal(["22/11/2026 02:03:00", "Bị gián đoạn", "40000"], [rows[1][2], rows[1][3], rows[1][4]]);
    }
}
