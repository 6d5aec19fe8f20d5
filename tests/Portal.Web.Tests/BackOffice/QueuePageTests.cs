using Bunit;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Accounts;
using Portal.Web.Features.BackOffice;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.BackOffice;

/// <summary>
/// Tiếp nhận hồ sơ (bUnit, interactive) on the portal's services and a real database: which declarations a staff
/// member's scope shows, the search as typed, the status filter and the record-number box.
/// </summary>
public sealed class QueuePageTests
{
    private sealed record Arranged(StaffPageContext Context, Declaration Tuyet, Declaration Long, Declaration BaDinh);

    /// <summary>Two Đống Đa (00106) declarations, one waiting and one received, and one of Ba Đình (00101), oldest first.</summary>
    private static async Task<Arranged> ArrangeAsync(string role, string userName, string? officeCode)
    {
        var context = StaffPageContext.Create();
        await context.SignInAsync(role, userName, officeCode);
        var now = DateTimeOffset.UtcNow;
        var tuyet = await TestDeclarations.SeedAsync(context.App, TestDeclarations.Individual("0123456781", "Nguyễn Thị Ánh Tuyết"), now.AddMinutes(-30));
        var longDeclaration = await TestDeclarations.SeedAsync(context.App, TestDeclarations.Individual("0123456782", "Phạm Văn Long"), now.AddMinutes(-20),
            d => d.MarkReceived(now.AddMinutes(-10)));
        var baDinh = await TestDeclarations.SeedAsync(context.App,
            TestDeclarations.Individual("0123456783", "Nguyễn Thị Tuyết Mai") with { OfficeCode = "00101" }, now.AddMinutes(-5));
        return new(context, tuyet, longDeclaration, baDinh);
    }

    private static async Task<IRenderedComponent<QueuePage>> RenderAsync(StaffPageContext context)
    {
        var cut = context.Bunit.Render<QueuePage>();
        await cut.WaitForAssertionAsync(() => Assert.NotEmpty(cut.FindAll("#tim-kiem")));
        return cut;
    }

    private static string[] ShownRecordNumbers(IRenderedComponent<QueuePage> cut) =>
        [.. cut.FindAll("tbody tr").Select(r => r.QuerySelector("a")!.TextContent.Trim())];

    [Fact]
    public async Task Office_staff_see_only_their_offices_declarations_newest_first_with_the_unopened_and_expiry_marks()
    {
        var (context, tuyet, longDeclaration, _) = await ArrangeAsync(PortalRoles.OfficeStaff, "canbo.dongda.thu", "00106");
        await using var _ = context;

        var cut = await RenderAsync(context);

        Assert.Equal([longDeclaration.RecordNumber.ToString(), tuyet.RecordNumber.ToString()], ShownRecordNumbers(cut));
        var waiting = cut.Find($"tbody tr[data-id='{tuyet.Id}']");
        Assert.Equal("Chưa mở", waiting.QuerySelector(".badge.new")!.TextContent);
        Assert.Contains("còn", waiting.QuerySelector(".days-left")!.TextContent);
        Assert.Equal("—", cut.Find($"tbody tr[data-id='{longDeclaration.Id}'] td.expiry").TextContent.Trim());
        Assert.DoesNotContain("Nguyễn Thị Tuyết Mai", cut.Markup);
    }

    [Fact]
    public async Task Province_staff_also_see_their_district_offices_declarations()
    {
        var (context, tuyet, longDeclaration, baDinh) = await ArrangeAsync(PortalRoles.ProvinceStaff, "canbo.hanoi.thu", "001");
        await using var _ = context;

        var cut = await RenderAsync(context);

        Assert.Equal([baDinh.RecordNumber.ToString(), longDeclaration.RecordNumber.ToString(), tuyet.RecordNumber.ToString()], ShownRecordNumbers(cut));
    }

    [Fact]
    public async Task Staff_of_another_province_see_none_of_them()
    {
        var (context, _, _, _) = await ArrangeAsync(PortalRoles.ProvinceStaff, "canbo.hcm.thu", "079");
        await using var __ = context;

        var cut = await RenderAsync(context);

        Assert.Empty(cut.FindAll("tbody tr"));
        Assert.Equal("Không có hồ sơ nào.", cut.Find("p.empty").TextContent);
    }

    [Fact]
    public async Task Typing_a_name_without_diacritics_narrows_the_queue_to_that_person()
    {
        var (context, tuyet, _, _) = await ArrangeAsync(PortalRoles.ProvinceStaff, "canbo.hanoi.thu", "001");
        await using var _ = context;
        var cut = await RenderAsync(context);

        await cut.Find("#tim-kiem").InputAsync(new() { Value = "nguyen thi anh tuyet" });

        Assert.Equal([tuyet.RecordNumber.ToString()], ShownRecordNumbers(cut));
        Assert.Contains("Nguyễn Thị Ánh Tuyết", cut.Find("tbody tr").TextContent);

        await cut.Find("#tim-kiem").InputAsync(new() { Value = "NGUYEN THI" });
        Assert.Equal(2, cut.FindAll("tbody tr").Count);
    }

    [Fact]
    public async Task The_status_filter_shows_only_that_status_and_all_again()
    {
        var (context, _, longDeclaration, _) = await ArrangeAsync(PortalRoles.ProvinceStaff, "canbo.hanoi.thu", "001");
        await using var _ = context;
        var cut = await RenderAsync(context);

        await cut.Find("button[data-status='Received']").ClickAsync(new());
        Assert.Equal([longDeclaration.RecordNumber.ToString()], ShownRecordNumbers(cut));
        Assert.Equal("true", cut.Find("button[data-status='Received']").GetAttribute("aria-pressed"));

        await cut.Find("button[data-status='Accepted']").ClickAsync(new());
        Assert.Empty(cut.FindAll("tbody tr"));

        await cut.Find(".queue-filters button").ClickAsync(new());
        Assert.Equal(3, cut.FindAll("tbody tr").Count);
    }

    [Fact]
    public async Task A_record_number_typed_in_any_case_opens_its_detail_page()
    {
        var (context, tuyet, _, _) = await ArrangeAsync(PortalRoles.OfficeStaff, "canbo.dongda.thu", "00106");
        await using var _ = context;
        var cut = await RenderAsync(context);

        await cut.Find("#so-ho-so").ChangeAsync(new() { Value = tuyet.RecordNumber.ToString().ToLowerInvariant() });
        await cut.Find("form.record-box").SubmitAsync();

        await cut.WaitForAssertionAsync(() => Assert.EndsWith(DeclarationDetailPage.UrlOf(tuyet.Id), context.Navigation.Uri));
        Assert.Empty(cut.FindAll(".record-box [role=alert]"));
    }

    [Fact]
    public async Task A_record_number_of_another_office_is_not_found_and_the_page_stays()
    {
        var (context, _, _, baDinh) = await ArrangeAsync(PortalRoles.OfficeStaff, "canbo.dongda.thu", "00106");
        await using var _ = context;
        var cut = await RenderAsync(context);
        var before = context.Navigation.Uri;

        await cut.Find("#so-ho-so").ChangeAsync(new() { Value = baDinh.RecordNumber });
        await cut.Find("form.record-box").SubmitAsync();

        await cut.WaitForAssertionAsync(() => Assert.Equal(QueuePage.NotFoundText, cut.Find(".record-box [role=alert]").TextContent));
        Assert.Equal(before, context.Navigation.Uri);
    }
}
