using Bunit;
using Portal.Infrastructure.Accounts;
using Portal.Web.Features.Admin.Staff;

namespace Portal.Web.Tests.Admin;

/// <summary>The staff list's table (bUnit): the state of each account and the buttons it offers.</summary>
public sealed class StaffAccountTableTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 3, 0, 0, TimeSpan.Zero);

    private static StaffAccountRow Row(string userName, string role = PortalRoles.OfficeStaff, string? phone = "0912000002", string? email = null,
        DateTimeOffset? disabledAt = null, bool mustChange = false, DateTimeOffset? lockoutEnd = null) =>
        new(Guid.CreateVersion7(), userName, "Lê Văn Nam", role, role == PortalRoles.Admin ? null : "00106", role == PortalRoles.Admin ? null : "BHXH Quận Đống Đa",
            phone, email, disabledAt, mustChange, lockoutEnd);

    private static IRenderedComponent<StaffAccountTable> Render(BunitContext ctx, Guid? current, params StaffAccountRow[] rows) =>
        ctx.Render<StaffAccountTable>(p => p.Add(c => c.Rows, rows).Add(c => c.CurrentUserId, current).Add(c => c.Now, Now));

    private static string[] Buttons(IRenderedComponent<StaffAccountTable> cut, string userName) =>
        cut.FindAll($"tr[data-user='{userName}'] button").Select(b => b.TextContent).ToArray();

    [Fact]
    public void Each_button_names_its_action_and_account_and_a_disabled_account_offers_to_enable_it()
    {
        using var ctx = new BunitContext();
        var active = Row("canbo.a");
        var disabled = Row("canbo.b", disabledAt: Now.AddHours(-1));

        var cut = Render(ctx, null, active, disabled);

        Assert.Equal(["Khóa", "Cấp lại mật khẩu"], Buttons(cut, "canbo.a"));
        Assert.Equal([$"khoa:{active.Id}", $"cap-lai-mat-khau:{active.Id}"], cut.FindAll("tr[data-user='canbo.a'] button").Select(b => b.GetAttribute("value")));
        Assert.Equal(["Mở khóa", "Cấp lại mật khẩu"], Buttons(cut, "canbo.b"));
        Assert.Equal($"mo-khoa:{disabled.Id}", cut.Find("tr[data-user='canbo.b'] button").GetAttribute("value"));
        Assert.Equal("disabled", cut.Find("tr[data-user='canbo.b']").ClassName);
        Assert.Equal("Đã khóa từ 04/12/2026 09:00:00", cut.Find("tr[data-user='canbo.b'] td.state").TextContent);
    }

    [Fact]
    public void The_signed_in_admin_cannot_disable_themselves_and_an_account_without_contacts_gets_no_new_password()
    {
        using var ctx = new BunitContext();
        var me = Row("quantri", PortalRoles.Admin, email: "qt@example.vn");

        var cut = Render(ctx, me.Id, me, Row("canbo.c", phone: null));

        Assert.Equal(["Cấp lại mật khẩu"], Buttons(cut, "quantri"));
        Assert.Equal("quantri (bạn)", cut.Find("tr[data-user='quantri'] td").TextContent);
        Assert.Equal(["quantri (bạn)", "Lê Văn Nam", "Quản trị hệ thống", "—", "SMS tới 09******02 và thư điện tử tới q*@example.vn"],
            cut.FindAll("tr[data-user='quantri'] td").Take(5).Select(c => c.TextContent));
        Assert.Equal(["Khóa"], Buttons(cut, "canbo.c"));
        Assert.Equal("—", cut.FindAll("tr[data-user='canbo.c'] td")[4].TextContent);
    }

    [Fact]
    public void The_state_tells_a_password_waiting_to_be_changed_and_a_lockout_after_failed_logins()
    {
        using var ctx = new BunitContext();

        var cut = Render(ctx, null, Row("canbo.d", mustChange: true, lockoutEnd: Now.AddMinutes(10)), Row("canbo.e", lockoutEnd: Now.AddMinutes(-1)));

        Assert.Equal("Đang hoạt động; chờ đổi mật khẩu được cấp; tạm khóa do đăng nhập sai đến 04/12/2026 10:10:00", cut.Find("tr[data-user='canbo.d'] td.state").TextContent);
        Assert.Equal("Đang hoạt động", cut.Find("tr[data-user='canbo.e'] td.state").TextContent);
    }
}
