using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Purge;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests;

public sealed class JobRunsPageTests
{
    private const string Url = "/quan-tri/lich-su-tac-vu";

    [Fact]
    public async Task Without_a_configured_admin_key_the_job_history_does_not_exist()
    {
        await using var app = new PortalApp();
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Admin-Key", "anything");

        using var response = await client.GetAsync(Url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_job_history_needs_the_admin_key_and_lists_the_purge_runs()
    {
        await using var app = new PortalApp { AdminKey = "khoa-quan-tri-thu" };
        using var client = app.CreateClient();
        using (var refused = await client.GetAsync(Url))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using (var wrong = await client.GetAsync(Url + "?key=sai"))
            Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DeclarationPurger>().RunAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, Url);
        request.Headers.Add("X-Admin-Key", "khoa-quan-tri-thu");
        using var response = await client.SendAsync(request);
        using var byQuery = await client.GetAsync(Url + "?key=khoa-quan-tri-thu");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byQuery.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal("Lịch sử tác vụ", page.QuerySelector("h1")!.TextContent);
        var rows = page.QuerySelectorAll("table.job-runs tbody tr");
        var cells = Assert.Single(rows).QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal("Xóa tờ khai quá hạn", cells[0]);
        Assert.Equal("Thành công", cells[3]);
        Assert.Equal(["0", "0", "0", "0", "0"], cells[4..]);
    }
}
