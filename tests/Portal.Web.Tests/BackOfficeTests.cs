using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Accounts;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Review;
using Portal.Web.Features.BackOffice;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests;

/// <summary>The back office over HTTP: who gets the staff pages and the staff PDF, and that only staff pages load Blazor.</summary>
public sealed class BackOfficeTests
{
    private const string DongDaStaff = "canbo.dongda.thu";
    private const string BaDinhStaff = "canbo.badinh.thu";
    private const string Citizen = "0123456789";

    private static async Task<(PortalApp App, Portal.Domain.Declarations.Declaration DongDa, Portal.Domain.Declarations.Declaration BaDinh)> ArrangeAsync()
    {
        var app = new PortalApp();
        await TestAccounts.CreateAsync(app, PortalRoles.OfficeStaff, DongDaStaff, officeCode: "00106");
        await TestAccounts.CreateAsync(app, PortalRoles.OfficeStaff, BaDinhStaff, officeCode: "00101");
        await TestAccounts.CreateAsync(app, PortalRoles.Citizen, Citizen);
        var now = DateTimeOffset.UtcNow;
        var dongDa = await TestDeclarations.SeedAsync(app, TestDeclarations.Individual("0123456781", "Nguyễn Thị Ánh Tuyết"), now.AddMinutes(-5));
        var baDinh = await TestDeclarations.SeedAsync(app, TestDeclarations.Child("0123456782", "Trần Minh Khoa", "0123456783"), now.AddMinutes(-1));
        return (app, dongDa, baDinh);
    }

    private static async Task<HttpClient> SignedInAsync(PortalApp app, string userName) => (await TestAccounts.SignInAsync(app, userName)).Browser.Http;

    private static async Task<int> ViewsAsync(PortalApp app, Guid declarationId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().DeclarationEvents
            .CountAsync(e => e.DeclarationId == declarationId && e.Kind == DeclarationEventKind.Viewed && e.Note == "PDF");
    }

    [Fact]
    public async Task Staff_get_the_pdf_of_their_offices_declaration_and_the_view_is_recorded_everyone_else_gets_404()
    {
        var (app, dongDa, _) = await ArrangeAsync();
        await using var _ = app;
        var path = StaffPdfEndpoint.PathOf(dongDa.Id);

        using (var response = await (await SignedInAsync(app, DongDaStaff)).GetAsync(path))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(await response.Content.ReadAsByteArrayAsync(), 0, 5));
        }
        Assert.Equal(1, await ViewsAsync(app, dongDa.Id));

        Assert.Equal(HttpStatusCode.NotFound, (await (await SignedInAsync(app, BaDinhStaff)).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await SignedInAsync(app, Citizen)).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await SignedInAsync(app, DongDaStaff)).GetAsync(StaffPdfEndpoint.PathOf(Guid.NewGuid()))).StatusCode);
        using var anonymous = await app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal("/can-bo/dang-nhap", anonymous.Headers.Location!.AbsolutePath);
        Assert.Equal(1, await ViewsAsync(app, dongDa.Id));
    }

    [Fact]
    public async Task Only_staff_pages_load_blazor()
    {
        var (app, _, _) = await ArrangeAsync();
        await using var _ = app;
        var anonymous = app.CreateClient();
        foreach (var url in new[] { "/", "/dang-ky", "/dang-nhap", "/can-bo/dang-nhap", "/tra-cuu/ho-so" })
            Assert.DoesNotContain("blazor.web.js", await anonymous.GetStringAsync(url));
        Assert.DoesNotContain("blazor.web.js", await (await SignedInAsync(app, Citizen)).GetStringAsync("/tai-khoan"));

        var queue = await (await SignedInAsync(app, DongDaStaff)).GetStringAsync(QueuePage.Url);
        Assert.Contains("_framework/blazor.web.js", queue);
        Assert.Contains("components-reconnect-modal", queue);
        // Served outside Development too, from an unpublished build (UseStaticWebAssets).
        using var script = await anonymous.GetAsync("/_framework/blazor.web.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task The_queue_lists_the_staff_members_offices_only()
    {
        var (app, dongDa, baDinh) = await ArrangeAsync();
        await using var _ = app;
        var page = Mau01Client.Parse(await (await SignedInAsync(app, DongDaStaff)).GetStringAsync(QueuePage.Url));
        var rows = page.QuerySelectorAll("table.queue tbody tr");
        var row = Assert.Single(rows);
        Assert.Contains(dongDa.RecordNumber.ToString(), row.TextContent);
        Assert.Contains("Chưa mở", row.TextContent);
        Assert.Contains("còn", row.QuerySelector(".days-left")!.TextContent);
        Assert.DoesNotContain(baDinh.RecordNumber.ToString(), page.Body!.TextContent);

        Assert.NotNull(page.QuerySelector($"nav.site-nav a[href='{QueuePage.Url}']"));
        var citizenBrowser = await SignedInAsync(app, Citizen);
        Assert.DoesNotContain(QueuePage.Url, await citizenBrowser.GetStringAsync("/tai-khoan"));
        var citizen = await citizenBrowser.GetAsync(QueuePage.Url);
        Assert.Equal(HttpStatusCode.NotFound, citizen.StatusCode);
    }

    [Fact]
    public async Task The_detail_page_is_404_for_another_offices_staff_citizens_and_unknown_ids()
    {
        var (app, dongDa, _) = await ArrangeAsync();
        await using var _ = app;
        var url = DeclarationDetailPage.UrlOf(dongDa.Id);

        var staff = await SignedInAsync(app, DongDaStaff);
        using (var response = await staff.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = Mau01Client.Parse(await response.Content.ReadAsStringAsync());
            Assert.Contains("Nguyễn Thị Ánh Tuyết", page.QuerySelector(".declaration-fields")!.TextContent);
            Assert.Contains("Đánh dấu đã tiếp nhận", page.QuerySelector(".review-actions")!.TextContent);
            Assert.DoesNotContain("Chấp thuận", page.QuerySelector(".review-actions")!.TextContent);
            Assert.NotNull(page.QuerySelector($"a[href='{StaffPdfEndpoint.PathOf(dongDa.Id)}']"));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync(DeclarationDetailPage.UrlOf(Guid.NewGuid()))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await SignedInAsync(app, BaDinhStaff)).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await SignedInAsync(app, Citizen)).GetAsync(url)).StatusCode);
    }
}
