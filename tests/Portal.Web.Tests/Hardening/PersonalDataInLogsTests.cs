using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Outbox;
using Portal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Hardening;

/// <summary>No log line (message, scopes, exception) carries a person's name, ID number, phone number or email.</summary>
public sealed class PersonalDataInLogsTests
{
    private static readonly string[] PersonalData =
    [
        Mau01Journey.Details["Input.FullName"],
        Mau01Journey.Details["Input.ContactPerson"],
        Mau01Journey.Details["Input.IdentityNumber"],
        Mau01Journey.Details["Input.Email"],
        // The phone as typed and as stored or sent.
        Mau01Journey.Details["Input.MobilePhone"],
        "0912345678", "84912345678", "912345678", "912 345 678",
        // The name without diacritics, as an SMS would spell it.
        "Nguyen Thi Hong Nhung",
    ];

    [Fact]
    public async Task Submitting_failing_a_login_and_looking_up_a_status_log_no_personal_data()
    {
        await using var app = new PortalApp
        {
            Settings =
            {
                ["Logging:LogLevel:Default"] = "Trace",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Trace",
                ["Sms:WriteToLog"] = "true",
            },
        };

        var (_, confirmation) = await Mau01Journey.RegisterIndividualAsync(app);
        var recordNumber = Mau01Client.Parse(confirmation).QuerySelector(".record-number")!.TextContent;

        // A failed sign-in with the ID number, the email and the phone typed as the user name.
        var browser = new Mau01Client(app.CreateClient());
        foreach (var typed in new[] { Mau01Journey.Details["Input.IdentityNumber"], Mau01Journey.Details["Input.Email"], "0912345678" })
        {
            var login = await browser.GetAsync("/dang-nhap");
            var (response, _) = await browser.PostAsync(login, "/dang-nhap", new()
            {
                ["Input.UserName"] = typed, ["Input.Password"] = "sai-mat-khau", ["Input.CaptchaAnswer"] = PortalApp.CaptchaCode,
            }, formSelector: "main form");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var (lookup, answer) = await browser.PostFormAsync("/tra-cuu/ho-so",
            new() { ["Input.RecordNumber"] = recordNumber, ["Input.MaSoBhxh"] = Mau01Journey.Details["Input.MaSoBhxh"] });
        Assert.Equal(HttpStatusCode.OK, lookup.StatusCode);
        Assert.NotNull(answer.QuerySelector("section.lookup-result"));

        await WaitForSmsAsync(app);

        // The capture sees the request lines with their scopes and the SMS "sent" through the log.
        Assert.Contains(app.Logs.Lines, l => l.Category.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal) && l.Scopes.Contains("RequestPath=/tra-cuu/ho-so"));
        Assert.Contains(app.Logs.Lines, l => l.Category.EndsWith("LoggingSmsSender", StringComparison.Ordinal));
        var leaks = PersonalDataInLogs.Leaks(app.Logs.Lines, [.. PersonalData, .. await PersonalDataInLogs.StoredAsync(app.Services)]);
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }

    [Fact]
    public void The_search_finds_a_name_without_diacritics_and_a_phone_in_international_form()
    {
        var lines = new CapturedLogs.Line[]
        {
            new("Sms", Microsoft.Extensions.Logging.LogLevel.Information, "Gửi tới +84912345678: NGUYEN THI HONG NHUNG", "", null, []),
            new("Other", Microsoft.Extensions.Logging.LogLevel.Information, "Hồ sơ 00106-2026-000001 đã ghi nhận", "RequestPath=/dang-ky", null, []),
        };

        var leaks = PersonalDataInLogs.Leaks(lines, ["Nguyễn Thị Hồng Nhung", "0912345678"]);

        Assert.Equal(2, leaks.Count);
        Assert.All(leaks, leak => Assert.Contains("Sms", leak));
    }

    /// <summary>The SMS of the Ghi nhận is "sent" through the log route, so the dispatcher's lines are captured too.</summary>
    private static async Task WaitForSmsAsync(PortalApp app)
    {
        for (var i = 0; i < 100; i++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            if (await db.OutboxMessages.AnyAsync(m => m.Channel == OutboxChannel.Sms && m.Status != OutboxStatus.Pending)) return;
            await Task.Delay(100);
        }
        Assert.Fail("The Ghi nhận SMS was not dispatched within 10 s.");
    }
}
