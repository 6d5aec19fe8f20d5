using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Accounts;
using Portal.Infrastructure.Outbox;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Tests.Delivery;
using Portal.Infrastructure.Tests.Support;
using Portal.Web.Tests.Support;

namespace Portal.E2E;

/// <summary>
/// Issue 13's whole walk, each side in its own browser: a newcomer submits Mẫu 01; the Đống Đa staff member finds it,
/// prints it, receives and accepts it; the account details leave by SMS (a gateway on loopback) and email (a real SMTP
/// server); the citizen logs in with the SMS password and is made to change it. Staff of another office get 404.
/// </summary>
public sealed partial class CounterToAccountInChromiumTests : ChromiumTest
{
    private const string DongDaStaff = "canbo.dongda.e2e";
    private const string BaDinhStaff = "canbo.badinh.e2e";
    private readonly SmtpServer _smtp = new();
    private SmsGatewayStub? _sms;

    protected override async Task<PortalApp> CreateAppAsync()
    {
        await _smtp.InitializeAsync();
        _sms = await SmsGatewayStub.StartAsync();
        return new PortalApp
        {
            Settings =
            {
                ["Smtp:Host"] = _smtp.Host,
                ["Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Smtp:Security"] = "None",
                ["Smtp:FromAddress"] = "khong-tra-loi@portal.localhost",
                ["Sms:GatewayUrlTemplate"] = _sms.BaseUrl + "/send?to={phone}&text={text}",
            },
        };
    }

    protected override async Task StopServicesAsync()
    {
        if (_sms is not null) await _sms.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task A_declaration_goes_from_the_counter_to_an_account_whose_sms_password_must_be_changed()
    {
        await TestAccounts.CreateAsync(App, PortalRoles.OfficeStaff, DongDaStaff, officeCode: "00106");
        await TestAccounts.CreateAsync(App, PortalRoles.OfficeStaff, BaDinhStaff, officeCode: "00101");

        var citizen = await (await Browser!.NewContextAsync(new() { Locale = "vi-VN" })).NewPageAsync();
        var recordNumber = await Mau01InChromium.SubmitIndividualAsync(citizen, BaseUrl);
        var declarationId = await DeclarationIdAsync(recordNumber);

        var staff = await SignedInAsync(DongDaStaff);
        await staff.GotoAsync(BaseUrl + "/can-bo/tiep-nhan");
        await staff.Locator("[data-interactive=true]").WaitForAsync();
        await staff.GetByLabel("Tìm theo số hồ sơ, mã số BHXH, số CMND/HC/CC hoặc họ tên").PressSequentiallyAsync("pham thi thu huong");
        var row = staff.Locator("table.queue tbody tr");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync(recordNumber);
        await row.GetByRole(AriaRole.Link).First.ClickAsync();
        await staff.WaitForURLAsync($"**/can-bo/ho-so/{declarationId}");
        await staff.Locator("[data-interactive=true]").WaitForAsync();

        var printLink = staff.GetByRole(AriaRole.Link, new() { Name = "In tờ khai (PDF)" });
        var pdf = await staff.Context.APIRequest.GetAsync(BaseUrl + await printLink.GetAttributeAsync("href"));
        Assert.Equal(200, pdf.Status);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        Assert.Equal("%PDF"u8.ToArray(), (await pdf.BodyAsync())[..4]);
        await Assertions.Expect(staff.GetByRole(AriaRole.Img, new() { Name = "Ảnh cá nhân của " + Mau01InChromium.FullName })).ToBeVisibleAsync();
        var portrait = await staff.Context.APIRequest.GetAsync($"{BaseUrl}/can-bo/ho-so/{declarationId}/anh/Portrait");
        Assert.Equal("image/jpeg", portrait.Headers["content-type"]);

        await staff.GetByRole(AriaRole.Button, new() { Name = "Đánh dấu đã tiếp nhận" }).ClickAsync();
        await Assertions.Expect(staff.Locator(".status-line strong")).ToHaveTextAsync("Đã tiếp nhận");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Chấp thuận" }).ClickAsync();
        await Assertions.Expect(staff.Locator(".status-line strong")).ToHaveTextAsync("Đã duyệt");
        // The print above is on the history with the two transitions, each with who did it.
        await Assertions.Expect(staff.Locator("table.history tbody tr:not([data-kind=Viewed])")).ToHaveCountAsync(2);
        await Assertions.Expect(staff.Locator("table.history tbody tr[data-kind=Viewed]").Filter(new() { HasText = "PDF" })).ToHaveCountAsync(1);
        await Assertions.Expect(staff.Locator("table.history")).ToContainTextAsync(DongDaStaff);
        await SnapAsync(staff, "quay-1-da-duyet");

        var password = await SmsPasswordAsync();
        await EmailWithAccountDetailsAsync(password);
        Assert.All(await AccountMessagesAsync(), m => Assert.Equal(OutboxStatus.Sent, m.Status));

        await AnotherOfficeGetsNotFoundAsync(declarationId);

        var login = await (await Browser.NewContextAsync(new() { Locale = "vi-VN" })).NewPageAsync();
        await SignInAsync(login, Mau01InChromium.MaSoBhxh, password);
        await login.WaitForURLAsync("**/tai-khoan/doi-mat-khau");
        await Assertions.Expect(login.Locator("p.notice")).ToContainTextAsync("mật khẩu được cấp lần đầu phải được thay");
        await SnapAsync(login, "quay-2-doi-mat-khau");
        // Until it is changed, every other page of the account leads back here.
        await login.GotoAsync(BaseUrl + "/tai-khoan/ho-so");
        await login.WaitForURLAsync("**/tai-khoan/doi-mat-khau");
        await Field(login, "Mật khẩu hiện tại").FillAsync(password);
        await Field(login, "Mật khẩu mới").FillAsync("HuongMoi2026");
        await Field(login, "Nhập lại mật khẩu mới").FillAsync("HuongMoi2026");
        await login.GetByRole(AriaRole.Button, new() { Name = "Đổi mật khẩu" }).ClickAsync();
        await login.WaitForURLAsync("**/tai-khoan?doi-mat-khau=xong");
        await Assertions.Expect(login.Locator("p.success")).ToHaveTextAsync("Đã đổi mật khẩu.");
        await login.GotoAsync(BaseUrl + "/tai-khoan/ho-so");
        await Assertions.Expect(login.Locator("main")).ToContainTextAsync(recordNumber);
        await SnapAsync(login, "quay-3-ho-so-cua-toi");
    }

    /// <summary>Staff of Ba Đình: the declaration's page, its photos and its PDF read as if it did not exist.</summary>
    private async Task AnotherOfficeGetsNotFoundAsync(Guid declarationId)
    {
        var other = await SignedInAsync(BaDinhStaff);
        foreach (var suffix in new[] { "", "/anh/Portrait", "/anh/IdFront", "/anh/IdBack", "/mau-01.pdf" })
        {
            var response = await other.Context.APIRequest.GetAsync($"{BaseUrl}/can-bo/ho-so/{declarationId}{suffix}");
            Assert.Equal((int)HttpStatusCode.NotFound, response.Status);
        }
    }

    /// <summary>The account SMS as the gateway got it; its password is what the citizen types.</summary>
    private async Task<string> SmsPasswordAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var (_, target) in _sms!.Requests)
            {
                var text = Uri.UnescapeDataString(target[(target.IndexOf("&text=", StringComparison.Ordinal) + 6)..]);
                if (target.Contains("to=" + Mau01InChromium.MobilePhone, StringComparison.Ordinal) && SmsPassword().Match(text) is { Success: true } match)
                {
                    Assert.Contains("Ten dang nhap: " + Mau01InChromium.MaSoBhxh, text);
                    return match.Groups[1].Value;
                }
            }
            await Task.Delay(200);
        }
        throw new Xunit.Sdk.XunitException($"No account SMS reached the gateway; it got {_sms!.Requests.Count} request(s).");
    }

    private async Task EmailWithAccountDetailsAsync(string password)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var file in Directory.GetFiles(Path.Combine(_smtp.MailDirectory, "new")))
            {
                var message = await MimeMessage.LoadAsync(file);
                if (message.To.Mailboxes.Any(m => m.Address == Mau01InChromium.Email) && message.TextBody?.Contains(password, StringComparison.Ordinal) == true)
                {
                    Assert.Contains(Mau01InChromium.MaSoBhxh, message.TextBody);
                    return;
                }
            }
            await Task.Delay(200);
        }
        throw new Xunit.Sdk.XunitException("No email with the account details reached the SMTP server.");
    }

    private async Task<List<OutboxMessage>> AccountMessagesAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var messages = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().OutboxMessages.AsNoTracking()
            .Where(m => m.DeclarationId == null).ToListAsync();
        Assert.Equal(2, messages.Count);
        return messages;
    }

    private async Task<Guid> DeclarationIdAsync(string recordNumber)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var declarations = scope.ServiceProvider.GetRequiredService<PortalDbContext>().Declarations.AsNoTracking();
        // A variable, not the constant: EF would write a constant into the SQL it logs, and the log search would find it.
        var maSoBhxh = Mau01InChromium.MaSoBhxh;
        return (await declarations.Where(d => d.MaSoBhxh == maSoBhxh).ToListAsync()).Single(d => d.RecordNumber == Portal.Domain.Declarations.RecordNumber.Parse(recordNumber)).Id;
    }

    [GeneratedRegex(@"mat khau: (\S+)\. ")]
    private static partial Regex SmsPassword();
}
