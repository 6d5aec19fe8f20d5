using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Accounts;
using Portal.Infrastructure.Outbox;
using Portal.Infrastructure.Pdf;
using Portal.Infrastructure.Persistence;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests;

/// <summary>Mẫu 01 sections 2 (Điều chỉnh thông tin) and 3 (Ngừng sử dụng) for account holders.</summary>
public sealed class ChangeRequestTests
{
    private const string MaSo = "0123456789";

    /// <summary>A person registered through the portal and then got an account (as staff acceptance will make it).</summary>
    private static async Task<(PortalApp App, Mau01Client Browser)> AccountWithRegistrationAsync()
    {
        var app = new PortalApp();
        await Mau01Journey.RegisterIndividualAsync(app);
        await TestAccounts.CreateAsync(app, PortalRoles.Citizen, MaSo, fullName: "Nguyễn Thị Hồng Nhung", phone: "0912345678",
            email: "nhung@example.vn", identityNumber: "001190012345");
        var (browser, _, _) = await TestAccounts.SignInAsync(app, MaSo);
        return (app, browser);
    }

    private static async Task<(Declaration Declaration, string PdfText)> NewestAsync(PortalApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var declaration = await db.Declarations.AsNoTracking().Include(d => d.Photos).OrderByDescending(d => d.CreatedAt).FirstAsync();
        var pdf = await scope.ServiceProvider.GetRequiredService<Mau01PdfService>().RenderAsync(declaration);
        return (declaration, Mau01FlowTests.PdfText(pdf));
    }

    [Fact]
    public async Task An_amendment_of_email_and_phone_gets_a_record_number_and_a_pdf_with_section_2_filled_in()
    {
        var (app, browser) = await AccountWithRegistrationAsync();
        await using var _ = app;
        var form = await browser.GetAsync("/tai-khoan/dieu-chinh-thong-tin");
        Assert.Contains("BHXH Quận Đống Đa", form.QuerySelector("main")!.TextContent);

        var (_, page) = await browser.PostAsync(form, "/tai-khoan/dieu-chinh-thong-tin", new()
        {
            ["Input.NewEmail"] = "nhung.moi@example.vn", ["Input.NewMobilePhone"] = "+84 988 777 666", ["Input.Commitment"] = "true",
        }, formSelector: "main form");

        var number = page.QuerySelector(".record-number")!.TextContent;
        Assert.Matches(@"^GD/\d{4}/\d{5}$", number);
        var (declaration, text) = await NewestAsync(app);
        Assert.Equal((number, DeclarationPurpose.Amend, "nhung.moi@example.vn", "0988777666", 0),
            (declaration.RecordNumber.ToString(), declaration.Purpose, declaration.AmendedEmail, declaration.AmendedMobilePhone, declaration.Photos.Count));
        Assert.Contains("2. Điều chỉnh thông tin:", text);
        Assert.Matches(@"2\. Điều chỉnh thông tin:.*- Địa chỉ thư điện tử:?\s*nhung\.moi@example\.vn.*- Số điện thoại di động:?\s*0988777666", text);
        Assert.DoesNotContain("Cổng thông tin điện tử của BHXH Việt Nam", text);
        Assert.Contains("Nguyễn Thị Hồng Nhung", text);
        await using var scope = app.Services.CreateAsyncScope();
        var sms = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().OutboxMessages
            .SingleAsync(m => m.DeclarationId == declaration.Id && m.Channel == OutboxChannel.Sms);
        Assert.Equal("0912345678", sms.Recipient);
    }

    [Fact]
    public async Task Stopping_gets_a_pdf_with_section_3_filled_in_and_a_double_post_makes_one_declaration()
    {
        var (app, browser) = await AccountWithRegistrationAsync();
        await using var _ = app;
        var from = VietnamTime.Today(DateTimeOffset.UtcNow).AddDays(3);
        var form = await browser.GetAsync("/tai-khoan/ngung-su-dung");
        var fields = new Dictionary<string, string>
        {
            ["Input.StopFrom"] = from.ToString("yyyy-MM-dd"), ["Input.StopReason"] = "Chuyển sang giao dịch qua tổ chức I-VAN", ["Input.Commitment"] = "true",
        };

        var (_, first) = await browser.PostAsync(form, "/tai-khoan/ngung-su-dung", fields, formSelector: "main form");
        var (_, second) = await browser.PostAsync(form, "/tai-khoan/ngung-su-dung", fields, formSelector: "main form");

        Assert.Equal(first.QuerySelector(".record-number")!.TextContent, second.QuerySelector(".record-number")!.TextContent);
        var (declaration, text) = await NewestAsync(app);
        Assert.Equal((DeclarationPurpose.Stop, from, "Chuyển sang giao dịch qua tổ chức I-VAN"), (declaration.Purpose, declaration.StopFrom!.Value, declaration.StopReason));
        Assert.Contains($"Ngừng giao dịch điện tử trong lĩnh vực bảo hiểm xã hội từ ngày {from:dd/MM/yyyy}", text);
        Assert.Matches(@"- Lý do ngừng:?\s*Chuyển sang giao dịch qua tổ chức I-VAN", text);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Declarations.CountAsync());
    }

    [Theory]
    [InlineData("/tai-khoan/dieu-chinh-thong-tin", "NewEmail", "", "Vui lòng nhập địa chỉ thư điện tử mới hoặc số điện thoại di động mới.")]
    [InlineData("/tai-khoan/dieu-chinh-thong-tin", "NewMobilePhone", "0123", "Số điện thoại di động gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09.")]
    [InlineData("/tai-khoan/ngung-su-dung", "StopFrom", "2020-01-01", "Ngày ngừng sử dụng từ hôm nay đến một năm tới.")]
    [InlineData("/tai-khoan/ngung-su-dung", "StopReason", "", "Vui lòng nhập lý do ngừng.")]
    public async Task A_refused_change_request_says_why_at_the_field_and_records_nothing(string url, string field, string value, string message)
    {
        var (app, browser) = await AccountWithRegistrationAsync();
        await using var _ = app;

        var (_, page) = await browser.PostFormAsync(url, new()
        {
            ["Input.StopFrom"] = VietnamTime.Today(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd"), ["Input.StopReason"] = "Lý do",
            ["Input.Commitment"] = "true", [$"Input.{field}"] = value,
        }, formSelector: "main form");

        Assert.Equal(message, page.QuerySelector($"#{field}-error")?.TextContent.Replace("Lỗi: ", ""));
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Declarations.CountAsync());
    }

    [Fact]
    public async Task An_account_without_a_registration_on_the_portal_is_told_whom_to_ask()
    {
        await using var app = new PortalApp();
        await TestAccounts.CreateAsync(app, PortalRoles.Citizen, "0123456780");
        var (browser, _, _) = await TestAccounts.SignInAsync(app, "0123456780");

        var page = await browser.GetAsync("/tai-khoan/ngung-su-dung");

        Assert.Contains("Chưa tìm thấy tờ khai đăng ký", page.QuerySelector("main")!.TextContent);
        Assert.Null(page.QuerySelector("main form"));
    }
}
