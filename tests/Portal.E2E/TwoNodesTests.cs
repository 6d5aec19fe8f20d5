using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Declarations;
using Portal.Domain.Jobs;
using Portal.Infrastructure.Accounts;
using Portal.Infrastructure.Outbox;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Security;
using Portal.Web.Tests.Support;

namespace Portal.E2E;

/// <summary>
/// Two nodes behind nginx on one PostgreSQL database and one data folder (deploy/two-nodes.sh): what one node does,
/// the other sees and accepts; jobs run once across both; a staff circuit stays on its node and moves when it stops.
/// </summary>
[Collection(TwoNodesCollection.Name)]
public sealed class TwoNodesTests(TwoNodes nodes)
{
    [Fact]
    public void Both_nodes_started_together_on_an_empty_folder_share_one_key_ring_and_one_captcha_key()
    {
        var keys = Path.Combine(nodes.DataDirectory, "keys");
        var files = Directory.GetFiles(keys).Select(Path.GetFileName).Order().ToList();

        Assert.Single(files, f => f!.StartsWith("key-", StringComparison.Ordinal) && f.EndsWith(".xml", StringComparison.Ordinal));
        Assert.Equal(KeyFile.KeyLength, new FileInfo(Path.Combine(keys, "captcha.key")).Length);
        Assert.Equal(KeyFile.KeyLength, new FileInfo(Path.Combine(keys, "captcha-audio.key")).Length);
        Assert.Equal(KeyFile.KeyLength, new FileInfo(Path.Combine(keys, "otp.key")).Length);
        Assert.DoesNotContain(files, f => f!.EndsWith(".tmp", StringComparison.Ordinal));
        // That the nodes also hold these (and not keys they made before the files existed) shows in the next test:
        // a cookie, an antiforgery token and a captcha made with one node's keys pass on the other.
    }

    [Fact]
    public async Task A_login_cookie_an_antiforgery_token_and_a_captcha_issued_by_one_node_are_accepted_by_the_other()
    {
        await TestAccounts.CreateAsync(nodes.Store, PortalRoles.OfficeStaff, "canbo.hai.nut", officeCode: "00106");
        var browser = new PinnedBrowser(nodes);

        // The login form (its antiforgery cookie and token, its captcha challenge) from node 1 …
        browser.PinTo(1);
        var form = await browser.Client.GetAsync("/dang-nhap");
        Assert.All(browser.ServedBy, n => Assert.Equal(nodes.NodeAddress(1), n));
        // … posted to node 2, which signs the staff member in …
        browser.PinTo(2);
        var (response, _) = await browser.Client.PostAsync(form, "/dang-nhap", new()
        {
            ["Input.UserName"] = "canbo.hai.nut",
            ["Input.Password"] = TestAccounts.Password,
            ["Input.CaptchaAnswer"] = PortalApp.CaptchaCode,
        }, formSelector: "main form");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/tai-khoan", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.All(browser.ServedBy, n => Assert.Equal(nodes.NodeAddress(2), n));
        // … and node 1 takes node 2's login cookie.
        browser.PinTo(1);
        using var queue = await browser.Client.Http.GetAsync("/can-bo/tiep-nhan");
        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
        Assert.Equal("/can-bo/tiep-nhan", queue.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal([nodes.NodeAddress(1)], browser.ServedBy);
    }

    [Fact]
    public async Task A_submission_on_one_node_is_seen_by_staff_on_the_other_with_its_photos()
    {
        // A citizen fills Mẫu 01 on node 1: the draft, its photos and Ghi nhận all there.
        var citizen = new PinnedBrowser(nodes);
        citizen.PinTo(1);
        var (start, _) = await citizen.Client.PostFormAsync("/dang-ky", new() { ["Kind"] = "Individual" });
        Assert.Equal("/dang-ky/to-khai/1", start.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("/dang-ky/to-khai/2", await Mau01Journey.PostStepAsync(citizen.Client, 1, [], Mau01Journey.IndividualPhotos()));
        Assert.Equal("/dang-ky/to-khai/3", await Mau01Journey.PostStepAsync(citizen.Client, 2, Mau01Journey.Details));
        Assert.Equal("/dang-ky/to-khai/4", await Mau01Journey.PostStepAsync(citizen.Client, 3, Mau01Journey.Address));
        Assert.Equal("/dang-ky/to-khai/5", await Mau01Journey.PostStepAsync(citizen.Client, 4, Mau01Journey.Office));
        var (done, confirmation) = await citizen.Client.PostFormAsync("/dang-ky/to-khai/5",
            new() { ["Input.Commitment"] = "true", ["Input.CaptchaAnswer"] = PortalApp.CaptchaCode });
        Assert.Equal("/dang-ky/hoan-tat", done.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.All(citizen.ServedBy, n => Assert.Equal(nodes.NodeAddress(1), n));
        var declaration = await TestDeclarations.FindAsync(nodes.Store, Mau01Journey.Details["Input.MaSoBhxh"]);
        Assert.Contains(declaration.RecordNumber.ToString(), confirmation.Body!.TextContent, StringComparison.Ordinal);

        // Staff signed in on node 2 find it there, and node 2 serves the photos node 1 stored.
        await TestAccounts.CreateAsync(nodes.Store, PortalRoles.OfficeStaff, "canbo.hai.anh", officeCode: "00106");
        var staff = new PinnedBrowser(nodes);
        staff.PinTo(2);
        await TestAccounts.SignInAsync(nodes.Store, "canbo.hai.anh", browser: staff.Client);
        var detail = await staff.Client.GetAsync($"/can-bo/ho-so/{declaration.Id}");
        Assert.Contains(declaration.RecordNumber.ToString(), detail.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Nguyễn Thị Hồng Nhung", detail.Body.TextContent, StringComparison.Ordinal);
        foreach (var kind in new[] { PhotoKind.Portrait, PhotoKind.IdFront, PhotoKind.IdBack })
        {
            using var photo = await staff.Client.Http.GetAsync($"/can-bo/ho-so/{declaration.Id}/anh/{kind}");
            Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
            Assert.StartsWith("image/", photo.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
            Assert.True((await photo.Content.ReadAsByteArrayAsync()).Length > 1000);
        }
        Assert.All(staff.ServedBy, n => Assert.Equal(nodes.NodeAddress(2), n));
    }

    [Fact]
    public async Task Each_message_is_delivered_once_and_each_purge_occurrence_runs_once_across_both_nodes()
    {
        var declaration = await TestDeclarations.SeedAsync(nodes.Store,
            TestDeclarations.Child("0123456790", "Lê Minh Khang", "0123456791", email: "giamho.khang@example.vn"), DateTimeOffset.UtcNow);
        var since = DateTimeOffset.UtcNow;

        // Both nodes run a Hangfire server on the shared storage; the outbox is dispatched every 5 s and the purge
        // runs every 10 s (deploy/two-nodes.sh), each recurring occurrence on whichever node takes it first.
        List<OutboxMessage> messages = [];
        List<JobRun> purges = [];
        var deadline = DateTime.UtcNow.AddSeconds(75);
        while (DateTime.UtcNow < deadline)
        {
            await using var scope = nodes.Store.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            messages = await db.OutboxMessages.AsNoTracking().Where(m => m.DeclarationId == declaration.Id).ToListAsync();
            purges = (await db.JobRuns.AsNoTracking().Where(r => r.JobName == "purge").ToListAsync())
                .Where(r => r.StartedAt >= since).ToList();
            if (messages.All(m => m.Status == OutboxStatus.Sent) && purges.Count >= 3) break;
            await Task.Delay(1000);
        }
        // A few more dispatches on both nodes, which must find nothing left to send.
        await Task.Delay(TimeSpan.FromSeconds(6));

        Assert.Equal(2, messages.Count);
        Assert.All(messages, m =>
        {
            Assert.Equal(OutboxStatus.Sent, m.Status);
            Assert.Equal(1, m.Attempts);
        });
        var lines = nodes.LogLines().ToList();
        var sms = messages.Single(m => m.Channel == OutboxChannel.Sms);
        var email = messages.Single(m => m.Channel == OutboxChannel.Email);
        Assert.Single(lines, l => l.Contains($"SMS {sms.Id} written to the log", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains($"Email {email.Id} accepted", StringComparison.Ordinal));
        var mail = Directory.GetFiles(nodes.MailDirectory).Select(File.ReadAllText).ToList();
        Assert.Single(mail, m => m.Contains($"<{email.Id}@", StringComparison.OrdinalIgnoreCase));

        Assert.True(purges.Count >= 3, $"{purges.Count} purge runs in 75 s with a 10-second schedule");
        var starts = purges.Select(r => r.StartedAt).Order().ToList();
        // One run per 10-second occurrence: two nodes each running it would start within a second of each other.
        Assert.All(starts.Zip(starts.Skip(1)), pair => Assert.True(pair.Second - pair.First > TimeSpan.FromSeconds(5),
            $"purge runs at {pair.First:HH:mm:ss.fff} and {pair.Second:HH:mm:ss.fff}"));

        await using var connection = new Npgsql.NpgsqlConnection(
            nodes.Store.Services.GetRequiredService<DatabaseOptions>().ConnectionString);
        await connection.OpenAsync();
        await using var servers = new Npgsql.NpgsqlCommand("SELECT count(*) FROM hangfire.server", connection);
        Assert.True((long)(await servers.ExecuteScalarAsync())! >= 2, "both nodes run a Hangfire server on the shared storage");
    }

    [Fact]
    public async Task A_staff_circuit_stays_on_its_node_and_after_that_node_stops_carries_on_on_the_other()
    {
        await TestAccounts.CreateAsync(nodes.Store, PortalRoles.OfficeStaff, "canbo.hai.mach", officeCode: "00106");
        var declaration = await TestDeclarations.SeedAsync(nodes.Store, TestDeclarations.Individual("0123456792", "Đỗ Thị Thu Hà"), DateTimeOffset.UtcNow);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await (await browser.NewContextAsync(new() { Locale = "vi-VN" })).NewPageAsync();
        var served = new List<(string Url, string Node)>();
        page.Response += (_, response) =>
        {
            if (response.Headers.TryGetValue("x-portal-node", out var node))
                lock (served) served.Add((response.Url, TwoNodes.LastNode(node)));
        };

        await page.GotoAsync(nodes.NginxUrl + "/dang-nhap");
        await ChromiumTest.Field(page, "Mã số BHXH").FillAsync("canbo.hai.mach");
        await ChromiumTest.Field(page, "Mật khẩu").FillAsync(TestAccounts.Password);
        await ChromiumTest.Field(page, "Mã kiểm tra").FillAsync(PortalApp.CaptchaCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.WaitForURLAsync("**/tai-khoan");
        await page.GotoAsync($"{nodes.NginxUrl}/can-bo/ho-so/{declaration.Id}");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Đánh dấu đã tiếp nhận" }).ClickAsync();
        await Assertions.Expect(page.Locator(".status-line strong")).ToHaveTextAsync("Đã tiếp nhận");

        // Every response so far, the circuit's /_blazor included, came from one node: the one nginx's cookie picked.
        string first;
        lock (served)
        {
            Assert.Contains(served, s => s.Url.Contains("/_blazor", StringComparison.Ordinal));
            first = Assert.Single(served.Select(s => s.Node).Distinct());
            served.Clear();
        }
        var stopped = first == nodes.NodeAddress(1) ? 1 : 2;
        var other = nodes.NodeAddress(3 - stopped);

        await nodes.StopNodeAsync(stopped);
        try
        {
            // The page reconnects through nginx, which now sends it to the other node. That node does not hold the
            // circuit and rejects it; the page loads itself again there (js/reconnect.js), with a new circuit that
            // takes the login cookie and shows what was confirmed on the stopped node (it is in the database).
            await Assertions.Expect(page.Locator(".status-line strong")).ToHaveTextAsync("Đã tiếp nhận", new() { Timeout = 60_000 });
            await Assertions.Expect(page.Locator("#components-reconnect-modal")).ToBeHiddenAsync(new() { Timeout = 60_000 });
            await page.Locator("[data-interactive=true]").WaitForAsync(new() { Timeout = 60_000 });
            await page.GetByRole(AriaRole.Button, new() { Name = "Chấp thuận" }).ClickAsync(new() { Timeout = 60_000 });
            await Assertions.Expect(page.Locator(".status-line strong")).ToHaveTextAsync("Đã duyệt", new() { Timeout = 30_000 });
            Assert.Equal(DeclarationStatus.Accepted, (await TestDeclarations.FindAsync(nodes.Store, "0123456792")).Status);
            // While it shut down the stopped node may still have answered the first attempts to reconnect; the circuit
            // the page ends on (the last negotiation) is on the other node, and nothing has come from the stopped one since.
            lock (served)
            {
                var lastNegotiation = served.FindLastIndex(s => s.Url.Contains("/_blazor/negotiate", StringComparison.Ordinal));
                Assert.True(lastNegotiation >= 0, "the page negotiated a new connection after the node stopped");
                // The circuit's own traffic, that is: a static file (favicon) the reload asked for may still have been
                // answered by the stopping node in the same moment.
                Assert.All(served.Skip(lastNegotiation).Where(s => s.Url.Contains("/_blazor", StringComparison.Ordinal)), s => Assert.Equal(other, s.Node));
            }
        }
        finally
        {
            await nodes.StartNodeAsync(stopped);
        }
    }
}
