using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Accounts;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Review;
using Portal.Web.Features.BackOffice;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.BackOffice;

/// <summary>
/// The Hồ sơ page (bUnit, interactive) on the portal's services and a real database, for a Đống Đa (00106) staff
/// member: the fields, photos and history it shows, and the actions of each state with what they leave in the database.
/// </summary>
public sealed class DeclarationDetailPageTests
{
    private const string StaffName = "canbo.dongda.thu";
    private const string RejectButton = "form.reject-form button[type=submit]";

    private static async Task<StaffPageContext> SignedInAsync()
    {
        var context = StaffPageContext.Create();
        await context.SignInAsync(PortalRoles.OfficeStaff, StaffName, "00106");
        return context;
    }

    private static Task<Declaration> SeedAsync(StaffPageContext context, Action<Declaration>? afterwards = null, string officeCode = "00106") =>
        TestDeclarations.SeedAsync(context.App, TestDeclarations.Individual("0123456781", "Nguyễn Thị Ánh Tuyết") with { OfficeCode = officeCode },
            DateTimeOffset.UtcNow.AddHours(-1), afterwards);

    private static async Task<IRenderedComponent<DeclarationDetailPage>> RenderAsync(StaffPageContext context, Guid id)
    {
        var cut = context.Bunit.Render<DeclarationDetailPage>(p => p.Add(c => c.Id, id));
        await cut.WaitForAssertionAsync(() => Assert.DoesNotContain("Đang tải…", cut.Markup));
        return cut;
    }

    private static IEnumerable<string> Buttons(IRenderedComponent<DeclarationDetailPage> cut) =>
        cut.FindAll(".review-actions button").Select(b => b.TextContent.Trim());

    private static async Task<(DeclarationStatus Status, List<DeclarationEvent> Events)> StoredAsync(StaffPageContext context, Guid id)
    {
        await using var scope = context.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var status = await db.Declarations.AsNoTracking().Where(d => d.Id == id).Select(d => d.Status).SingleAsync();
        var events = await db.DeclarationEvents.AsNoTracking().Where(e => e.DeclarationId == id).ToListAsync();
        return (status, events);
    }

    /// <summary>Presses <paramref name="button"/> (Từ chối submits its form, with <paramref name="reason"/>) and waits for the answer.</summary>
    private static async Task ActAsync(IRenderedComponent<DeclarationDetailPage> cut, string button, string? reason = null)
    {
        if (button == "Từ chối")
        {
            await cut.Find("#ly-do").InputAsync(new() { Value = reason });
            await cut.Find("form.reject-form").SubmitAsync();
        }
        else
        {
            await cut.FindAll(".review-actions button").Single(b => b.TextContent.Trim() == button).ClickAsync(new());
        }
        await cut.WaitForAssertionAsync(() => Assert.NotEmpty(cut.FindAll(".review-message")));
    }

    [Fact]
    public async Task A_waiting_declaration_shows_its_fields_photos_through_the_staff_endpoint_and_no_history_yet()
    {
        await using var context = await SignedInAsync();
        var declaration = await SeedAsync(context);

        var cut = await RenderAsync(context, declaration.Id);

        Assert.Equal($"Hồ sơ {declaration.RecordNumber}", cut.Find("h1").TextContent);
        Assert.Equal("Chờ tiếp nhận", cut.Find("[data-status]").TextContent);
        var fields = cut.FindAll(".declaration-fields dt").Zip(cut.FindAll(".declaration-fields dd"))
            .ToDictionary(p => p.First.TextContent, p => p.Second.TextContent);
        // The labels printed on Mẫu 01 (FieldLabels), as the citizen's review and the PDF show them.
        Assert.Equal("Nguyễn Thị Ánh Tuyết", fields["Tên cơ quan/tổ chức/cá nhân"]);
        Assert.Equal("0123456781", fields["Mã số bảo hiểm xã hội"]);
        Assert.Equal("001190054321", fields["Số CMND/HC/CC"]);
        Assert.Equal("0912000111", fields["Điện thoại di động"]);
        Assert.Equal("[00106] BHXH Quận Đống Đa", fields["Cơ quan BHXH tiếp nhận"]);
        Assert.Equal("Không", fields["Gửi email tờ khai"]);
        Assert.Equal("—", fields["Tiếp nhận lúc"]);
        Assert.Equal(
            [StaffPhotoEndpoint.PathOf(declaration.Id, PhotoKind.Portrait), StaffPhotoEndpoint.PathOf(declaration.Id, PhotoKind.IdFront),
                StaffPhotoEndpoint.PathOf(declaration.Id, PhotoKind.IdBack)],
            cut.FindAll(".declaration-photos img").Select(i => i.GetAttribute("src")));
        Assert.Equal("Ảnh cá nhân của Nguyễn Thị Ánh Tuyết", cut.Find(".declaration-photos img").GetAttribute("alt"));
        Assert.Equal(StaffPdfEndpoint.PathOf(declaration.Id), cut.Find(".review-actions a").GetAttribute("href"));
        Assert.Equal("Chưa có cán bộ nào mở hoặc xử lý hồ sơ này.", cut.Find("p.empty").TextContent);
        Assert.Equal(["Đánh dấu đã tiếp nhận", "Từ chối"], Buttons(cut));
    }

    [Fact]
    public async Task Opening_the_photos_and_the_pdf_the_page_links_adds_views_to_its_history_with_who_and_which_file()
    {
        await using var context = await SignedInAsync();
        var declaration = await SeedAsync(context);
        var cut = await RenderAsync(context, declaration.Id);
        var files = cut.FindAll(".declaration-photos img").Select(i => i.GetAttribute("src")!)
            .Append(cut.Find(".review-actions a").GetAttribute("href")!).ToList();
        var browser = (await TestAccounts.SignInAsync(context.App, StaffName, loginPath: "/can-bo/dang-nhap")).Browser.Http;

        foreach (var file in files)
        {
            using var response = await browser.GetAsync(file);
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} for {file}");
        }
        cut = await RenderAsync(context, declaration.Id);

        var rows = cut.FindAll("table.history tbody tr")
            .Select(r => (r.GetAttribute("data-kind"), string.Join("|", r.QuerySelectorAll("td").Skip(1).Select(td => td.TextContent)))).ToList();
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal("Viewed", r.Item1));
        Assert.Equal(
            [$"{StaffName}|Xem|PDF", $"{StaffName}|Xem|Ảnh CMND/CCCD/Hộ chiếu mặt sau", $"{StaffName}|Xem|Ảnh CMND/CCCD/Hộ chiếu mặt trước",
                $"{StaffName}|Xem|Ảnh cá nhân"],
            rows.Select(r => r.Item2).Order(StringComparer.Ordinal));
        Assert.Empty(cut.FindAll("p.empty"));
        // Viewing decides nothing: the actions of Chờ tiếp nhận are still there.
        Assert.Equal(["Đánh dấu đã tiếp nhận", "Từ chối"], Buttons(cut));
    }

    [Fact]
    public async Task Marking_received_changes_the_status_and_adds_a_history_row_with_who_did_it()
    {
        await using var context = await SignedInAsync();
        var declaration = await SeedAsync(context);
        var cut = await RenderAsync(context, declaration.Id);

        await ActAsync(cut, "Đánh dấu đã tiếp nhận");

        Assert.Equal("Đã cập nhật", cut.Find(".review-message.success").TextContent);
        Assert.Equal("Đã tiếp nhận", cut.Find("[data-status]").TextContent);
        var row = cut.Find("table.history tbody tr");
        Assert.Equal("Received", row.GetAttribute("data-kind"));
        Assert.Equal([StaffName, "Đánh dấu đã tiếp nhận"], row.QuerySelectorAll("td").Skip(1).Take(2).Select(c => c.TextContent));
        Assert.Equal(["Chấp thuận", "Từ chối"], Buttons(cut));
        var (status, events) = await StoredAsync(context, declaration.Id);
        Assert.Equal(DeclarationStatus.Received, status);
        Assert.Equal(context.User!.Id, Assert.Single(events).ByUserId);
    }

    [Fact]
    public async Task Accepting_a_received_declaration_decides_it_and_leaves_no_action()
    {
        await using var context = await SignedInAsync();
        var declaration = await SeedAsync(context, d => d.MarkReceived(DateTimeOffset.UtcNow.AddMinutes(-30)));
        var cut = await RenderAsync(context, declaration.Id);
        Assert.Equal(["Chấp thuận", "Từ chối"], Buttons(cut));

        await ActAsync(cut, "Chấp thuận");

        Assert.Equal("Đã cập nhật", cut.Find(".review-message.success").TextContent);
        Assert.Equal("Đã duyệt", cut.Find("[data-status]").TextContent);
        Assert.Empty(Buttons(cut));
        Assert.Equal("Accepted", cut.Find("table.history tbody tr").GetAttribute("data-kind"));
        Assert.Equal(DeclarationStatus.Accepted, (await StoredAsync(context, declaration.Id)).Status);
    }

    [Fact]
    public async Task Rejecting_without_a_reason_says_so_in_Vietnamese_and_changes_nothing()
    {
        await using var context = await SignedInAsync();
        var declaration = await SeedAsync(context);
        var cut = await RenderAsync(context, declaration.Id);

        await cut.Find("#ly-do").InputAsync(new() { Value = "   " });
        await cut.Find("form.reject-form").SubmitAsync();

        Assert.Equal("Nhập lý do từ chối.", cut.Find("form.reject-form [role=alert]").TextContent);
        Assert.Equal("Chờ tiếp nhận", cut.Find("[data-status]").TextContent);
        var (status, events) = await StoredAsync(context, declaration.Id);
        Assert.Equal(DeclarationStatus.Submitted, status);
        Assert.Empty(events);
    }

    [Fact]
    public async Task Rejecting_with_a_reason_records_it_on_the_declaration_and_in_the_history()
    {
        await using var context = await SignedInAsync();
        var declaration = await SeedAsync(context);
        var cut = await RenderAsync(context, declaration.Id);

        await ActAsync(cut, "Từ chối", reason: "Ảnh CCCD không rõ nét");

        Assert.Equal("Đã cập nhật", cut.Find(".review-message.success").TextContent);
        Assert.Equal("Từ chối", cut.Find("[data-status]").TextContent);
        Assert.Contains(cut.FindAll(".declaration-fields dd"), dd => dd.TextContent == "Ảnh CCCD không rõ nét");
        Assert.Equal("Ảnh CCCD không rõ nét", cut.Find("table.history tbody tr td:last-child").TextContent);
        Assert.Empty(cut.FindAll("form.reject-form"));
        var (status, events) = await StoredAsync(context, declaration.Id);
        Assert.Equal(DeclarationStatus.Rejected, status);
        Assert.Equal("Ảnh CCCD không rõ nét", Assert.Single(events).Note);
    }

    [Theory]
    [InlineData("Đánh dấu đã tiếp nhận")]
    [InlineData("Từ chối")]
    public async Task An_action_on_a_declaration_another_staff_member_has_just_received_says_so_and_leaves_one_transition(string button)
    {
        await using var context = await SignedInAsync();
        var declaration = await SeedAsync(context);
        var cut = await RenderAsync(context, declaration.Id);
        var other = await TestAccounts.CreateAsync(context.App, PortalRoles.OfficeStaff, "canbo.dongda.khac", "00106");
        await using (var scope = context.App.Services.CreateAsyncScope())
            Assert.Equal(ReviewOutcome.Done, await scope.ServiceProvider.GetRequiredService<DeclarationReview>()
                .MarkReceivedAsync(declaration.Id, new StaffScope(other.Id, other.UserName!, new HashSet<string> { "00106" }), DeclarationStatus.Submitted));

        await ActAsync(cut, button, reason: "Thiếu ảnh");

        Assert.Equal("Hồ sơ vừa được cán bộ khác cập nhật; trang đã tải lại thông tin mới nhất.", cut.Find(".review-message.error").TextContent);
        Assert.Equal("Đã tiếp nhận", cut.Find("[data-status]").TextContent);
        Assert.Equal("canbo.dongda.khac", cut.Find("table.history tbody tr td:nth-child(2)").TextContent);
        var (status, events) = await StoredAsync(context, declaration.Id);
        Assert.Equal(DeclarationStatus.Received, status);
        Assert.Equal("canbo.dongda.khac", Assert.Single(events).ByUserName);
    }

    [Fact]
    public async Task Another_offices_declaration_reads_as_not_found_and_asks_for_a_404()
    {
        await using var context = await SignedInAsync();
        var baDinh = await SeedAsync(context, officeCode: "00101");
        var notFound = 0;
        context.Navigation.OnNotFound += (_, _) => notFound++;

        var cut = await RenderAsync(context, baDinh.Id);

        Assert.Equal(QueuePage.NotFoundText, cut.Find("[role=status]").TextContent);
        Assert.Equal(1, notFound);
        Assert.Empty(cut.FindAll("h1"));
        Assert.DoesNotContain("Nguyễn Thị Ánh Tuyết", cut.Markup);
        Assert.Empty((await StoredAsync(context, baDinh.Id)).Events);
    }
}
