using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Outbox;
using Portal.Infrastructure.Persistence;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests;

public sealed class OutboxPageTests
{
    private const string Url = "/quan-tri/hop-thu-di";

    [Fact]
    public async Task Operators_see_each_message_with_its_attempts_and_error_and_can_queue_a_dead_one_again()
    {
        await using var app = new PortalApp();
        Guid deadId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var dead = new OutboxMessage(OutboxChannel.Email, "nguyen.van.a@example.vn", "Chủ đề", "Nội dung", null, OutboxAttachment.None, DateTimeOffset.UtcNow);
            db.OutboxMessages.Add(dead);
            db.OutboxMessages.Add(new OutboxMessage(OutboxChannel.Sms, "0912345678", null, "Tin nhan", null, OutboxAttachment.None, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
            deadId = dead.Id;
            await db.OutboxMessages.Where(m => m.Id == deadId).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Dead).SetProperty(m => m.Attempts, 8)
                .SetProperty(m => m.LastError, nameof(SocketException) + " ConnectionRefused"));
        }
        var browser = await TestAccounts.AdminAsync(app);

        var page = await browser.GetAsync(Url);

        // Without SMTP and an SMS route (the test environment), the page says both stay queued.
        var routes = page.QuerySelector("ul.delivery-routes")!.TextContent;
        Assert.Contains("chưa cấu hình cổng SMS", routes);
        Assert.Contains("chưa cấu hình máy chủ SMTP", routes);
        var rows = page.QuerySelectorAll("table.outbox tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        var deadRow = Assert.Single(rows, r => r[1] == "Thư điện tử");
        Assert.Equal(["n***********@example.vn", "Không gửi được", "8", "SocketException ConnectionRefused", "Gửi lại"], [deadRow[2], deadRow[3], deadRow[4], deadRow[6], deadRow[7]]);
        var smsRow = Assert.Single(rows, r => r[1] == "SMS");
        Assert.Equal(["091*****78", "Chờ gửi", ""], [smsRow[2], smsRow[3], smsRow[7]]);
        Assert.DoesNotContain("nguyen.van.a", page.Body!.TextContent);

        var (_, after) = await browser.PostAsync(page, Url, new() { ["MessageId"] = deadId.ToString() }, formSelector: "form.outbox-form");

        Assert.Equal("Đã đưa thư vào hàng đợi để gửi lại.", after.QuerySelector("p.success")?.TextContent);
        await using var check = app.Services.CreateAsyncScope();
        var requeued = await check.ServiceProvider.GetRequiredService<PortalDbContext>().OutboxMessages.SingleAsync(m => m.Id == deadId);
        Assert.Equal((OutboxStatus.Pending, 0), (requeued.Status, requeued.Attempts));
    }
}
