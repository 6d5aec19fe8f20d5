using System.Net;
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
/// IDOR across offices: two declarations of Đống Đa (00106), an individual's and a child's, asked for by everyone
/// who might ask, through the detail page, every photo and the PDF; and the views those requests record.
/// </summary>
public sealed class DeclarationAccessTests
{
    private const string DongDa = "canbo.dongda.thu";
    private const string BaDinh = "canbo.badinh.thu";
    private const string HaNoi = "canbo.hanoi.thu";
    private const string HoChiMinh = "canbo.hcm.thu";
    private const string Admin = "quantri.thu";
    /// <summary>The individual declaration's own mã số: a citizen, even the declarant, has no staff URL.</summary>
    private const string Citizen = "0123456781";

    private sealed record Arranged(PortalApp App, Declaration Individual, Declaration Child);

    private static async Task<Arranged> ArrangeAsync()
    {
        var app = new PortalApp();
        await TestAccounts.CreateAsync(app, PortalRoles.OfficeStaff, DongDa, officeCode: "00106");
        await TestAccounts.CreateAsync(app, PortalRoles.OfficeStaff, BaDinh, officeCode: "00101");
        await TestAccounts.CreateAsync(app, PortalRoles.ProvinceStaff, HaNoi, officeCode: "001");
        await TestAccounts.CreateAsync(app, PortalRoles.ProvinceStaff, HoChiMinh, officeCode: "079");
        await TestAccounts.CreateAsync(app, PortalRoles.Admin, Admin);
        await TestAccounts.CreateAsync(app, PortalRoles.Citizen, Citizen);
        var now = DateTimeOffset.UtcNow;
        var individual = await TestDeclarations.SeedAsync(app, TestDeclarations.Individual(Citizen, "Nguyễn Thị Ánh Tuyết"), now.AddMinutes(-5));
        var child = await TestDeclarations.SeedAsync(app,
            TestDeclarations.Child(Citizen, "Trần Minh Khoa", "0123456783") with { OfficeCode = "00106" }, now.AddMinutes(-1));
        return new(app, individual, child);
    }

    private static IEnumerable<string> FilesOf(Declaration declaration) =>
        Labels.PhotosOf(declaration.Kind).Select(kind => StaffPhotoEndpoint.PathOf(declaration.Id, kind)).Append(StaffPdfEndpoint.PathOf(declaration.Id));

    private static IEnumerable<string> UrlsOf(Declaration declaration) => FilesOf(declaration).Prepend(DeclarationDetailPage.UrlOf(declaration.Id));

    private static async Task<HttpClient> SignedInAsync(PortalApp app, string userName) => (await TestAccounts.SignInAsync(app, userName)).Browser.Http;

    private static async Task<List<DeclarationEvent>> ViewsAsync(PortalApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().DeclarationEvents.AsNoTracking()
            .Where(e => e.Kind == DeclarationEventKind.Viewed).ToListAsync();
    }

    [Theory]
    [InlineData(BaDinh)]
    [InlineData(HoChiMinh)]
    [InlineData(Citizen)]
    public async Task Another_offices_staff_and_citizens_get_404_for_the_page_every_photo_and_the_pdf(string userName)
    {
        var (app, individual, child) = await ArrangeAsync();
        await using var _ = app;
        var browser = await SignedInAsync(app, userName);

        foreach (var url in UrlsOf(individual).Concat(UrlsOf(child)))
        {
            using var response = await browser.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{userName} got {(int)response.StatusCode} for {url}");
            Assert.DoesNotContain("Nguyễn Thị Ánh Tuyết", await response.Content.ReadAsStringAsync());
        }
        Assert.Empty(await ViewsAsync(app));
    }

    [Fact]
    public async Task Unknown_declarations_and_photo_kinds_are_404_for_staff_of_the_office_too()
    {
        var (app, individual, child) = await ArrangeAsync();
        await using var _ = app;
        var browser = await SignedInAsync(app, DongDa);
        var unknown = Guid.NewGuid();
        string[] urls =
        [
            DeclarationDetailPage.UrlOf(unknown), StaffPdfEndpoint.PathOf(unknown), StaffPhotoEndpoint.PathOf(unknown, PhotoKind.Portrait),
            // A kind the declaration has not, a kind by number or in another case, no kind at all.
            StaffPhotoEndpoint.PathOf(individual.Id, PhotoKind.BirthCertificate), StaffPhotoEndpoint.PathOf(child.Id, PhotoKind.IdFront),
            $"/can-bo/ho-so/{individual.Id}/anh/0", $"/can-bo/ho-so/{individual.Id}/anh/portrait", $"/can-bo/ho-so/{individual.Id}/anh/Selfie",
            $"/can-bo/ho-so/{individual.Id}/anh/",
        ];
        foreach (var url in urls)
        {
            using var response = await browser.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{(int)response.StatusCode} for {url}");
        }
        Assert.Empty(await ViewsAsync(app));
    }

    [Fact]
    public async Task Visitors_not_signed_in_are_sent_to_the_staff_login_from_the_page_every_photo_and_the_pdf()
    {
        var (app, individual, child) = await ArrangeAsync();
        await using var _ = app;
        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });

        foreach (var url in UrlsOf(individual).Concat(UrlsOf(child)))
        {
            using var response = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal($"/can-bo/dang-nhap?ReturnUrl={Uri.EscapeDataString(url)}", response.Headers.Location!.PathAndQuery);
        }
        Assert.Empty(await ViewsAsync(app));
    }

    [Theory]
    [InlineData(DongDa)]
    [InlineData(HaNoi)]
    [InlineData(Admin)]
    public async Task Staff_covering_the_office_get_every_photo_uncached_in_its_stored_format_and_each_view_is_recorded(string userName)
    {
        var (app, individual, child) = await ArrangeAsync();
        await using var _ = app;
        var browser = await SignedInAsync(app, userName);
        var user = await TestAccounts.FindAsync(app, userName);

        foreach (var declaration in new[] { individual, child })
        {
            foreach (var kind in Labels.PhotosOf(declaration.Kind))
            {
                using var response = await browser.GetAsync(StaffPhotoEndpoint.PathOf(declaration.Id, kind));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var (file, format, _, _) = TestDeclarations.PhotoFixtures[kind];
                Assert.Equal(format == PhotoFormat.Png ? "image/png" : "image/jpeg", response.Content.Headers.ContentType!.MediaType);
                Assert.True(response.Headers.CacheControl is { Private: true, NoStore: true }, $"Cache-Control: {response.Headers.CacheControl}");
                Assert.Equal(await File.ReadAllBytesAsync(Mau01Client.Fixture(file)), await response.Content.ReadAsByteArrayAsync());
            }
            using var pdf = await browser.GetAsync(StaffPdfEndpoint.PathOf(declaration.Id));
            Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        }

        var views = await ViewsAsync(app);
        Assert.All(views, v => Assert.Equal((user.Id, userName), (v.ByUserId, v.ByUserName)));
        Assert.Equal(["PDF", "Ảnh CMND/CCCD/Hộ chiếu mặt sau", "Ảnh CMND/CCCD/Hộ chiếu mặt trước", "Ảnh cá nhân"],
            views.Where(v => v.DeclarationId == individual.Id).Select(v => v.Note!).Order(StringComparer.Ordinal));
        Assert.Equal(["PDF", "Ảnh cá nhân", "Ảnh giấy khai sinh"],
            views.Where(v => v.DeclarationId == child.Id).Select(v => v.Note!).Order(StringComparer.Ordinal));

        var page = Mau01Client.Parse(await browser.GetStringAsync(DeclarationDetailPage.UrlOf(individual.Id)));
        var rows = page.QuerySelectorAll("table.history tbody tr[data-kind=Viewed]")
            .Select(r => r.QuerySelectorAll("td").Skip(1).Select(td => td.TextContent).ToArray()).ToList();
        Assert.Equal(4, rows.Count);
        Assert.Contains([userName, "Xem", "Ảnh cá nhân"], rows);
        Assert.Contains([userName, "Xem", "PDF"], rows);
    }

    [Fact]
    public async Task The_detail_page_shows_the_photos_of_the_declarations_kind_lazily_through_the_endpoint_with_vietnamese_alt_texts()
    {
        var (app, individual, child) = await ArrangeAsync();
        await using var _ = app;
        var browser = await SignedInAsync(app, DongDa);

        var page = Mau01Client.Parse(await browser.GetStringAsync(DeclarationDetailPage.UrlOf(individual.Id)));
        var photos = page.QuerySelectorAll(".declaration-photos figure");
        Assert.Equal(["Ảnh cá nhân", "Ảnh CMND/CCCD/Hộ chiếu mặt trước", "Ảnh CMND/CCCD/Hộ chiếu mặt sau"],
            photos.Select(f => f.QuerySelector("figcaption")!.TextContent));
        var portrait = photos[0].QuerySelector("img")!;
        Assert.Equal(StaffPhotoEndpoint.PathOf(individual.Id, PhotoKind.Portrait), portrait.GetAttribute("src"));
        Assert.Equal(portrait.GetAttribute("src"), photos[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("Ảnh cá nhân của Nguyễn Thị Ánh Tuyết", portrait.GetAttribute("alt"));
        Assert.Equal("lazy", portrait.GetAttribute("loading"));
        Assert.Equal(("600", "800"), (portrait.GetAttribute("width"), portrait.GetAttribute("height")));
        Assert.Equal(StaffPhotoEndpoint.PathOf(individual.Id, PhotoKind.IdBack), photos[2].QuerySelector("img")!.GetAttribute("src"));

        var childPage = Mau01Client.Parse(await browser.GetStringAsync(DeclarationDetailPage.UrlOf(child.Id)));
        Assert.Equal(["Ảnh cá nhân của Trần Minh Khoa", "Ảnh giấy khai sinh của Trần Minh Khoa"],
            childPage.QuerySelectorAll(".declaration-photos img").Select(i => i.GetAttribute("alt")));

        // The page is not a view of the photos; fetching them is.
        Assert.Empty(await ViewsAsync(app));
    }
}
