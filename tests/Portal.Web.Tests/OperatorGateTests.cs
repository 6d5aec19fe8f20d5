using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Portal.Infrastructure.Accounts;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests;

public sealed class OperatorGateTests
{
    private static readonly string[] OperatorPages =
    [
        "/quan-tri/lich-su-tac-vu", "/quan-tri/hop-thu-di", "/quan-tri/hangfire",
        "/quan-tri/co-quan", "/quan-tri/co-quan/00106", "/quan-tri/co-quan/nhap-csv", "/quan-tri/can-bo", "/quan-tri/can-bo/tao-moi",
    ];

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_the_login_form_and_the_old_admin_key_opens_nothing()
    {
        await using var app = new PortalApp { Settings = { ["Admin:Key"] = "khoa-cu" } };
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Admin-Key", "khoa-cu");

        foreach (var url in OperatorPages.Append("/quan-tri/lich-su-tac-vu?key=khoa-cu"))
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/dang-nhap?ReturnUrl=", response.Headers.Location!.PathAndQuery);
        }
    }

    [Fact]
    public async Task A_citizen_or_staff_member_signed_in_gets_404_for_every_operator_page()
    {
        await using var app = new PortalApp();
        await TestAccounts.CreateAsync(app, PortalRoles.Citizen, "0123456780");
        await TestAccounts.CreateAsync(app, PortalRoles.OfficeStaff, "canbo.thu", officeCode: "00106");

        foreach (var user in new[] { "0123456780", "canbo.thu" })
        {
            var (browser, _, _) = await TestAccounts.SignInAsync(app, user);
            foreach (var url in OperatorPages)
            {
                using var response = await browser.Http.GetAsync(url);
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            }
            // A post is refused before the page's antiforgery check or size guard could answer anything else.
            foreach (var url in new[] { "/quan-tri/co-quan/nhap-csv", "/quan-tri/can-bo", "/quan-tri/co-quan/00106" })
            {
                using var post = await browser.Http.PostAsync(url, new MultipartFormDataContent { { new ByteArrayContent(new byte[3 * 1024 * 1024]), "Upload.File", "a.csv" } });
                Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
            }
        }
    }

    [Fact]
    public async Task An_admin_opens_every_operator_page_and_after_logout_is_sent_to_the_login_form()
    {
        await using var app = new PortalApp();
        var browser = await TestAccounts.AdminAsync(app);

        foreach (var url in OperatorPages)
        {
            using var response = await browser.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl?.NoStore, url);
        }

        var page = await browser.GetAsync("/quan-tri/hop-thu-di");
        var (_, home) = await browser.PostAsync(page, "/dang-xuat", [], formSelector: "nav.admin-nav form");
        Assert.NotNull(home.QuerySelector("a[href='/dang-nhap']"));
        using var after = await browser.Http.GetAsync(OperatorPages[0]);
        Assert.Equal("/dang-nhap", after.RequestMessage!.RequestUri!.AbsolutePath);
    }
}
