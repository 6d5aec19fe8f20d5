using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Accounts;
using Portal.Infrastructure.Outbox;
using Portal.Infrastructure.Persistence;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests;

/// <summary>"Đăng ký cho con": a signed-in guardian registers a child with the same steps as the direct registration.</summary>
public sealed class ChildRegistrationTests
{
    private const string Guardian = "0123456780";

    private static async Task<(PortalApp App, Mau01Client Browser)> GuardianSignedInAsync(string? email = "me.mai@example.vn")
    {
        var app = new PortalApp();
        await TestAccounts.CreateAsync(app, PortalRoles.Citizen, Guardian, fullName: "Trần Thị Mai", phone: "0912000001", email: email,
            identityNumber: "001185012345");
        var (browser, _, _) = await TestAccounts.SignInAsync(app, Guardian);
        return (app, browser);
    }

    private static async Task<string> StepAsync(Mau01Client browser, int step, Dictionary<string, string> fields, Dictionary<string, (string, byte[])>? files = null)
    {
        var (response, page) = await browser.PostFormAsync($"/dang-ky/to-khai/{step}", fields, files, formSelector: "main form");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = page.QuerySelectorAll(".error-summary li").Select(li => li.TextContent.Trim()).ToList();
        Assert.True(errors.Count == 0, $"step {step}: {string.Join(" | ", errors)}");
        return response.RequestMessage!.RequestUri!.AbsolutePath;
    }

    private static async Task StartAsync(Mau01Client browser)
    {
        var account = await browser.GetAsync("/tai-khoan");
        Assert.NotNull(account.QuerySelector("a[href='/tai-khoan/dang-ky-cho-con']"));
        var (response, _) = await browser.PostFormAsync("/tai-khoan/dang-ky-cho-con", [], formSelector: "main form");
        Assert.Equal("/dang-ky/to-khai/1", response.RequestMessage!.RequestUri!.AbsolutePath);
    }

    private static Dictionary<string, (string, byte[])> ChildPhotos() => new()
    {
        ["Input.Portrait"] = ("be.jpg", File.ReadAllBytes(Mau01Client.Fixture("portrait.jpg"))),
        ["Input.BirthCertificate"] = ("khai-sinh.png", File.ReadAllBytes(Mau01Client.Fixture("birth-certificate.png"))),
    };

    [Fact]
    public async Task A_guardian_registers_a_child_with_the_guardians_details_from_the_account_and_no_captcha()
    {
        var (app, browser) = await GuardianSignedInAsync();
        await using var _ = app;
        await StartAsync(browser);

        Assert.Equal("/dang-ky/to-khai/2", await StepAsync(browser, 1, [], ChildPhotos()));
        var details = await browser.GetAsync("/dang-ky/to-khai/2");
        Assert.Null(details.QuerySelector("input[name='Input.GuardianIdentityNumber']"));
        Assert.Null(details.QuerySelector("input[name='Input.MobilePhone']"));
        var shown = details.QuerySelector(".guardian-from-account")!.TextContent;
        foreach (var value in new[] { "Trần Thị Mai", Guardian, "001185012345", "0912000001", "me.mai@example.vn" }) Assert.Contains(value, shown);
        // Guardian fields posted anyway (a tampered form) are ignored.
        Assert.Equal("/dang-ky/to-khai/3", await StepAsync(browser, 2, new()
        {
            ["Input.FullName"] = "Lê Minh Khôi", ["Input.MaSoBhxh"] = "0111222333",
            ["Input.GuardianIdentityNumber"] = "C9999999", ["Input.MobilePhone"] = "0999999999", ["Input.GuardianName"] = "Người khác",
        }));
        Assert.Equal("/dang-ky/to-khai/4", await StepAsync(browser, 3, Mau01Journey.Address));
        Assert.Equal("/dang-ky/to-khai/5", await StepAsync(browser, 4, new() { ["Input.OfficeCode"] = "00106", ["Input.SubmissionMethod"] = "AtOffice" }));
        var review = await browser.GetAsync("/dang-ky/to-khai/5");
        Assert.Null(review.QuerySelector("#CaptchaAnswer"));
        Assert.Contains("Trần Thị Mai", review.QuerySelector("main")!.TextContent);

        var (done, confirmation) = await browser.PostFormAsync("/dang-ky/to-khai/5", new() { ["Input.Commitment"] = "true" }, formSelector: "main form");

        Assert.Equal("/dang-ky/hoan-tat", done.RequestMessage!.RequestUri!.AbsolutePath);
        var number = confirmation.QuerySelector(".record-number")!.TextContent;
        Assert.Matches(@"^GD/\d{4}/\d{5}$", number);
        // The page shows the SMS as it goes out, with its link.
        Assert.Contains(" Xem to khai: http://localhost/ho-so/", confirmation.QuerySelector("blockquote.sms")!.TextContent);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var declaration = await db.Declarations.SingleAsync(d => d.RecordNumber == Portal.Domain.Declarations.RecordNumber.Parse(number));
        Assert.Equal((DeclarationKind.Child, "Lê Minh Khôi", "0111222333", Guardian, "001185012345", "Trần Thị Mai", "0912000001", "me.mai@example.vn", true),
            (declaration.Kind, declaration.FullName, declaration.MaSoBhxh, declaration.GuardianMaSoBhxh, declaration.GuardianIdentityNumber,
             declaration.GuardianName, declaration.MobilePhone, declaration.Email, declaration.SendEmail));
        var messages = await db.OutboxMessages.Where(m => m.DeclarationId == declaration.Id).ToListAsync();
        var sms = Assert.Single(messages, m => m.Channel == OutboxChannel.Sms);
        Assert.Equal("0912000001", sms.Recipient);
        Assert.StartsWith($"BHXHVN da nhan duoc to khai cua ma so 0111222333 voi so ho so la {number}.", sms.Body);
        Assert.Matches($@" Xem to khai: http://localhost/ho-so/{declaration.Id}/mau-01\.pdf\?ma=[A-Za-z0-9_-]+$", sms.Body);
        // The SMS's link opens the PDF without signing in; the same path without its token is nobody else's.
        var link = new Uri(sms.Body[(sms.Body.IndexOf("http://", StringComparison.Ordinal))..]).PathAndQuery;
        using (var anonymous = await app.CreateClient().GetAsync(link))
            Assert.Equal(("application/pdf", HttpStatusCode.OK), (anonymous.Content.Headers.ContentType?.MediaType, anonymous.StatusCode));
        await TestAccounts.CreateAsync(app, PortalRoles.Citizen, "0999999999");
        var (stranger, _, _) = await TestAccounts.SignInAsync(app, "0999999999");
        using (var refused = await stranger.Http.GetAsync(link.Split('?')[0]))
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        var email = Assert.Single(messages, m => m.Channel == OutboxChannel.Email);
        Assert.Equal(("me.mai@example.vn", OutboxAttachment.Mau01Pdf), (email.Recipient, email.Attachment));
        Assert.StartsWith("Kính gửi Trần Thị Mai,", email.Body);

        var pdfUrl = confirmation.QuerySelectorAll("a").First(a => a.GetAttribute("href")!.EndsWith(".pdf?tai=1", StringComparison.Ordinal)).GetAttribute("href");
        var text = Mau01FlowTests.PdfText(await browser.Http.GetByteArrayAsync(pdfUrl));
        Assert.Contains("Lê Minh Khôi", text);
        Assert.Matches(@"\(Ký, ghi rõ họ tên\)\s+Trần Thị Mai(\s|$)", text);
    }

    [Fact]
    public async Task A_guardian_without_email_gets_no_email_and_the_draft_needs_the_guardian_signed_in()
    {
        var (app, browser) = await GuardianSignedInAsync(email: null);
        await using var _ = app;
        await StartAsync(browser);
        await StepAsync(browser, 1, [], ChildPhotos());

        // Another account signed in on the same browser cannot continue the guardian's draft.
        await TestAccounts.CreateAsync(app, PortalRoles.Citizen, "0999999999");
        await TestAccounts.SignInAsync(app, "0999999999", browser: browser);
        using (var other = await browser.Http.GetAsync("/dang-ky/to-khai/2"))
            Assert.Equal("/dang-nhap", other.RequestMessage!.RequestUri!.AbsolutePath);

        await TestAccounts.SignInAsync(app, Guardian, browser: browser);
        await StepAsync(browser, 2, new() { ["Input.FullName"] = "Lê Minh Khôi", ["Input.MaSoBhxh"] = "0111222333" });
        await StepAsync(browser, 3, Mau01Journey.Address);
        await StepAsync(browser, 4, new() { ["Input.OfficeCode"] = "00106", ["Input.SubmissionMethod"] = "AtOffice", ["Input.SendEmail"] = "true" });
        var (done, _) = await browser.PostFormAsync("/dang-ky/to-khai/5", new() { ["Input.Commitment"] = "true" }, formSelector: "main form");

        Assert.Equal("/dang-ky/hoan-tat", done.RequestMessage!.RequestUri!.AbsolutePath);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.Equal([OutboxChannel.Sms], await db.OutboxMessages.Select(m => m.Channel).ToListAsync());

        // After Đăng xuất the browser no longer holds the declaration (a shared computer).
        var page = await browser.GetAsync("/dang-ky/hoan-tat");
        await browser.PostAsync(page, "/dang-xuat", [], formSelector: "nav.site-nav form");
        using var after = await browser.Http.GetAsync("/dang-ky/hoan-tat");
        Assert.Equal("/dang-ky", after.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task Staff_and_anonymous_visitors_cannot_start_a_childs_registration_from_an_account()
    {
        await using var app = new PortalApp();
        await TestAccounts.CreateAsync(app, PortalRoles.OfficeStaff, "canbo.thu", officeCode: "00106");
        var (staff, _, _) = await TestAccounts.SignInAsync(app, "canbo.thu");

        using (var response = await staff.Http.GetAsync("/tai-khoan/dang-ky-cho-con"))
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var anonymous = await app.CreateClient().GetAsync("/tai-khoan/dang-ky-cho-con");
        Assert.Equal("/dang-nhap", anonymous.RequestMessage!.RequestUri!.AbsolutePath);
    }
}
