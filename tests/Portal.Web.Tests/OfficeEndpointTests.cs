using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Portal.Infrastructure.ReferenceData;
using Portal.Web.Features.Lookup;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests;

public sealed class OfficeEndpointTests(PortalApp app) : IClassFixture<PortalApp>
{
    [Fact]
    public async Task A_province_office_comes_first_then_its_district_offices_with_address_and_phone()
    {
        using var response = await app.CreateClient().GetAsync("/api/co-quan/001");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var offices = (await response.Content.ReadFromJsonAsync<OfficeEndpoints.OfficeDto[]>())!;

        Assert.Equal("001", offices[0].Code);
        Assert.Equal(32, offices.Length); // BHXH Tp. Hà Nội, one office per GSO district (30) and the seeds' old Quận Từ Liêm
        Assert.Contains(new OfficeEndpoints.OfficeDto("00106", "BHXH Quận Đống Đa", "Phố Trần Hữu Tước, phường Nam Đồng", "02438747408"), offices);
        Assert.All(offices.Skip(1), o => Assert.StartsWith("001", o.Code));
        Assert.Contains("Đống Đa", await response.Content.ReadAsStringAsync()); // Vietnamese as characters, not \u escapes
    }

    [Theory]
    [InlineData("/api/co-quan/999")]
    [InlineData("/api/co-quan/00106")] // a district office has no offices under it
    [InlineData("/api/co-quan/01")]    // a GSO province code, not an office code
    public async Task An_unknown_province_office_is_a_404_problem(string url)
    {
        using var response = await app.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Lists_are_cacheable_for_as_long_as_the_office_tree_and_revalidate_with_their_etag()
    {
        var client = app.CreateClient();
        using var first = await client.GetAsync("/api/co-quan/079");
        Assert.True(first.Headers.CacheControl!.Public);
        Assert.Equal(OfficeDirectory.Expiry, first.Headers.CacheControl.MaxAge);
        var etag = first.Headers.ETag!;

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/co-quan/079");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag.Tag));
        using var second = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);

        using var other = await client.GetAsync("/api/co-quan/001");
        Assert.NotEqual(etag.Tag, other.Headers.ETag!.Tag);
    }
}
