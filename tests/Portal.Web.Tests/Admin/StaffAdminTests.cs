using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Accounts;
using Portal.Infrastructure.Outbox;
using Portal.Infrastructure.Persistence;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Admin;

/// <summary>Quản trị → Tài khoản cán bộ over HTTP: creating, disabling and enabling, and issuing a new password.</summary>
public sealed class StaffAdminTests
{
    private const string ListUrl = "/quan-tri/can-bo";
    private const string CreateUrl = "/quan-tri/can-bo/tao-moi";

    private static async Task<List<OutboxMessage>> MessagesToAsync(PortalApp app, string recipient)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<PortalDbContext>().OutboxMessages.AsNoTracking()
            .Where(m => m.Recipient == recipient).ToListAsync()).OrderBy(m => m.CreatedAt).ThenBy(m => m.Channel).ToList();
    }

    private static string PasswordIn(string sms, string label) => sms.Split(label)[1][..FirstPassword.Length];

    /// <summary>Presses a button of the staff list, found by its text on the account's row.</summary>
    private static async Task<IHtmlDocument> PressAsync(Mau01Client admin, string userName, string button)
    {
        var page = await admin.GetAsync(ListUrl);
        var value = page.QuerySelectorAll($"tr[data-user='{userName}'] button").Single(b => b.TextContent == button).GetAttribute("value")!;
        return (await admin.PostAsync(page, ListUrl, new() { ["Command"] = value }, formSelector: "form.staff-form")).Page;
    }

    [Fact]
    public async Task Creating_a_staff_account_queues_its_first_password_which_the_owner_must_change_and_no_page_shows()
    {
        await using var app = new PortalApp();
        var admin = await TestAccounts.AdminAsync(app);

        var (_, page) = await admin.PostFormAsync(CreateUrl, new()
        {
            ["Input.UserName"] = " CanBo.BaDinh ",
            ["Input.FullName"] = "Hoàng  Thị Thu",
            ["Input.Role"] = PortalRoles.OfficeStaff,
            ["Input.OfficeCode"] = "00101",
            ["Input.Phone"] = "0912 000 011",
            ["Input.Email"] = "thu@example.vn",
        }, formSelector: "form.staff-create");

        Assert.Equal("Đã tạo tài khoản canbo.badinh (Cán bộ cơ quan BHXH). Mật khẩu lần đầu sẽ được gửi qua SMS tới 09******11 và thư điện tử tới t**@example.vn; "
            + "cán bộ phải đổi mật khẩu khi đăng nhập lần đầu.", page.QuerySelector("p.success")!.TextContent);
        Assert.Equal("", page.QuerySelector("#UserName")!.GetAttribute("value") ?? "");
        var messages = await MessagesToAsync(app, "0912000011");
        var password = PasswordIn(Assert.Single(messages).Body, "mat khau: ");
        Assert.Contains($"Mật khẩu lần đầu: {password}", Assert.Single(await MessagesToAsync(app, "thu@example.vn")).Body);
        Assert.DoesNotContain(password, page.Source.Text);
        Assert.DoesNotContain(password, (await admin.GetAsync(ListUrl)).Source.Text);
        var user = await TestAccounts.FindAsync(app, "canbo.badinh");
        Assert.Equal(("Hoàng Thị Thu", "00101", true), (user.FullName, user.OfficeCode, user.MustChangePassword));
        var row = (await admin.GetAsync(ListUrl)).QuerySelector("tr[data-user='canbo.badinh']")!;
        Assert.Equal(["canbo.badinh", "Hoàng Thị Thu", "Cán bộ cơ quan BHXH", "[00101] BHXH Quận Ba Đình", "SMS tới 09******11 và thư điện tử tới t**@example.vn",
            "Đang hoạt động; chờ đổi mật khẩu được cấp", "KhóaCấp lại mật khẩu"], row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()));

        Assert.Equal("/tai-khoan/doi-mat-khau", await TestAccounts.LandingAfterSignInAsync(app, "canbo.badinh", password));
    }

    [Theory]
    [InlineData("UserName", "canbo.badinh", "Tên đăng nhập này đã có tài khoản.")]
    [InlineData("UserName", "0123456789", "Tên đăng nhập gồm 3 đến 50 ký tự: chữ thường không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới, bắt đầu bằng chữ cái, ví dụ canbo.dongda.")]
    [InlineData("UserName", "cán.bộ", "Tên đăng nhập gồm 3 đến 50 ký tự: chữ thường không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới, bắt đầu bằng chữ cái, ví dụ canbo.dongda.")]
    [InlineData("OfficeCode", "00106", "Cán bộ BHXH tỉnh thuộc một cơ quan BHXH tỉnh (mã 3 chữ số, ví dụ 001).")]
    [InlineData("OfficeCode", "00199", "Không có cơ quan BHXH mã 00199.")]
    [InlineData("OfficeCode", "", "Vui lòng nhập mã cơ quan BHXH của cán bộ.")]
    [InlineData("Phone", "0212345678", "Số điện thoại di động gồm 10 chữ số bắt đầu bằng 03, 05, 07, 08 hoặc 09, ví dụ 0912 345 678.")]
    [InlineData("Phone", "", "Cần số điện thoại di động hoặc địa chỉ thư điện tử để gửi mật khẩu lần đầu.")]
    [InlineData("Role", "Citizen", "Vui lòng chọn vai trò.")]
    public async Task The_create_form_refuses_bad_input_next_to_its_field_and_creates_nothing(string field, string value, string message)
    {
        await using var app = new PortalApp();
        var admin = await TestAccounts.AdminAsync(app);
        await TestAccounts.CreateAsync(app, PortalRoles.OfficeStaff, "canbo.badinh", officeCode: "00101");
        var fields = new Dictionary<string, string>
        {
            ["Input.UserName"] = "canbo.hanoi2",
            ["Input.FullName"] = "Phạm Văn Bình",
            ["Input.Role"] = PortalRoles.ProvinceStaff,
            ["Input.OfficeCode"] = "001",
            ["Input.Phone"] = "0912000012",
        };
        fields[$"Input.{field}"] = value;

        var (_, page) = await admin.PostFormAsync(CreateUrl, fields, formSelector: "form.staff-create");

        Assert.Equal($"Lỗi: {message}", page.QuerySelector($"#{field}-error")!.TextContent);
        Assert.Null(page.QuerySelector("p.success"));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.Equal(2, await db.Users.CountAsync());
        Assert.Empty(db.OutboxMessages);
    }

    [Fact]
    public async Task Disabling_an_account_refuses_its_login_and_ends_its_open_session_until_it_is_enabled()
    {
        await using var app = new PortalApp { Settings = { ["Accounts:SessionCheckInterval"] = "00:00:00" } };
        await TestAccounts.CreateAsync(app, PortalRoles.OfficeStaff, "canbo.dongda", officeCode: "00106");
        var (staff, _, _) = await TestAccounts.SignInAsync(app, "canbo.dongda");
        Assert.Equal("/can-bo/tiep-nhan", (await staff.Http.GetAsync("/can-bo/tiep-nhan")).RequestMessage!.RequestUri!.AbsolutePath);
        var admin = await TestAccounts.AdminAsync(app);

        var page = await PressAsync(admin, "canbo.dongda", "Khóa");

        Assert.Equal("Đã khóa tài khoản canbo.dongda: tài khoản không đăng nhập được nữa, phiên đang mở kết thúc ngay ở lần tải trang tiếp theo.",
            page.QuerySelector("p.success")!.TextContent);
        Assert.StartsWith("Đã khóa từ ", page.QuerySelector("tr[data-user='canbo.dongda'] td.state")!.TextContent);
        Assert.Equal("/can-bo/dang-nhap", (await staff.Http.GetAsync("/can-bo/tiep-nhan")).RequestMessage!.RequestUri!.AbsolutePath);
        var (_, refused, refusedPage) = await TestAccounts.SignInAsync(app, "canbo.dongda");
        Assert.Equal("/dang-nhap", refused.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("Lỗi: Mã số BHXH hoặc mật khẩu không đúng.", refusedPage.QuerySelector("#Password-error")!.TextContent);

        page = await PressAsync(admin, "canbo.dongda", "Mở khóa");

        Assert.Equal("Đang hoạt động", page.QuerySelector("tr[data-user='canbo.dongda'] td.state")!.TextContent);
        Assert.Equal("/tai-khoan", await TestAccounts.LandingAfterSignInAsync(app, "canbo.dongda", TestAccounts.Password));
    }

    [Fact]
    public async Task An_admin_cannot_disable_their_own_account()
    {
        await using var app = new PortalApp();
        var admin = await TestAccounts.AdminAsync(app);
        var page = await admin.GetAsync(ListUrl);
        Assert.Equal(["Cấp lại mật khẩu"], page.QuerySelectorAll("tr[data-user='quantri.thu'] button").Select(b => b.TextContent));

        var own = await TestAccounts.FindAsync(app, "quantri.thu");
        var (_, after) = await admin.PostAsync(page, ListUrl, new() { ["Command"] = $"khoa:{own.Id}" }, formSelector: "form.staff-form");

        Assert.Equal("Bạn không thể tự khóa tài khoản của mình.", after.QuerySelector("p.error-summary")!.TextContent);
        Assert.Null((await TestAccounts.FindAsync(app, "quantri.thu")).DisabledAt);
    }

    [Fact]
    public async Task A_new_password_is_queued_by_sms_the_old_one_stops_working_and_the_new_one_must_be_changed()
    {
        await using var app = new PortalApp();
        await TestAccounts.CreateAsync(app, PortalRoles.ProvinceStaff, "canbo.hanoi", officeCode: "001", phone: "0912000013");
        await TestAccounts.CreateAsync(app, PortalRoles.Citizen, "0123456780", phone: "0912000014");
        var admin = await TestAccounts.AdminAsync(app);
        Assert.Null((await admin.GetAsync(ListUrl)).QuerySelector("tr[data-user='0123456780']"));

        var page = await PressAsync(admin, "canbo.hanoi", "Cấp lại mật khẩu");

        Assert.Equal("Đã cấp lại mật khẩu cho canbo.hanoi. Mật khẩu mới sẽ được gửi qua SMS tới 09******13; chủ tài khoản phải đổi mật khẩu khi đăng nhập. "
            + "Mật khẩu cũ hết hiệu lực, phiên đang mở kết thúc trong vòng 1 phút.", page.QuerySelector("p.success")!.TextContent);
        var password = PasswordIn(Assert.Single(await MessagesToAsync(app, "0912000013")).Body, "Mat khau moi: ");
        Assert.DoesNotContain(password, page.Source.Text);
        Assert.Equal("/dang-nhap", await TestAccounts.LandingAfterSignInAsync(app, "canbo.hanoi", TestAccounts.Password));
        Assert.Equal("/tai-khoan/doi-mat-khau", await TestAccounts.LandingAfterSignInAsync(app, "canbo.hanoi", password));

        var citizen = await TestAccounts.FindAsync(app, "0123456780");
        var (_, refused) = await admin.PostAsync(page, ListUrl, new() { ["Command"] = $"cap-lai-mat-khau:{citizen.Id}" }, formSelector: "form.staff-form");
        Assert.Equal("Không tìm thấy tài khoản cán bộ này.", refused.QuerySelector("p.error-summary")!.TextContent);
        Assert.Empty(await MessagesToAsync(app, "0912000014"));
    }
}
