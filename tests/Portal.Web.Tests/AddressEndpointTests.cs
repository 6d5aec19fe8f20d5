using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Portal.Web.Features.Lookup;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests;

public sealed class AddressEndpointTests(PortalApp app) : IClassFixture<PortalApp>
{
    private async Task<AddressEndpoints.UnitDto[]> GetUnitsAsync(string url)
    {
        using var response = await app.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        return (await response.Content.ReadFromJsonAsync<AddressEndpoints.UnitDto[]>())!;
    }

    [Fact]
    public async Task The_three_tier_scheme_cascades_province_district_ward()
    {
        var provinces = await GetUnitsAsync("/api/dia-chi/gso/tinh");
        Assert.Equal(63, provinces.Length);
        Assert.Contains(new AddressEndpoints.UnitDto("01", "Thành phố Hà Nội", "Thành phố", true), provinces);

        var districts = await GetUnitsAsync("/api/dia-chi/gso/tinh/01/huyen");
        Assert.Equal(30, districts.Length);
        Assert.Contains(new AddressEndpoints.UnitDto("009", "Quận Thanh Xuân", "Quận", true), districts);
        Assert.DoesNotContain(districts, d => d.Code == "760"); // Quận 1 is in Hồ Chí Minh

        var wards = await GetUnitsAsync("/api/dia-chi/gso/huyen/009/xa");
        Assert.Contains(new AddressEndpoints.UnitDto("00343", "Phường Nhân Chính", "Phường", false), wards);
        Assert.All(wards, w => Assert.False(w.HasChildren));
    }

    [Fact]
    public async Task The_two_tier_scheme_has_34_provinces_with_wards_directly_under_them()
    {
        var provinces = await GetUnitsAsync("/api/dia-chi/nq202-2025/tinh");
        Assert.Equal(34, provinces.Length);
        var wards = await GetUnitsAsync("/api/dia-chi/nq202-2025/tinh/01/xa");
        Assert.Contains(wards, w => w.Code == "00004" && w.Name == "Phường Ba Đình");
        Assert.DoesNotContain(wards, w => w.HasChildren);
    }

    [Theory]
    [InlineData("/api/dia-chi/khong-co/tinh")]
    [InlineData("/api/dia-chi/gso/tinh/99/huyen")]
    [InlineData("/api/dia-chi/gso/tinh/009/huyen")]   // a district code where a province is expected
    [InlineData("/api/dia-chi/gso/huyen/01/xa")]      // a province code where a district is expected
    [InlineData("/api/dia-chi/gso/tinh/01/xa")]       // the 3-tier scheme puts wards under districts
    [InlineData("/api/dia-chi/nq202-2025/tinh/01/huyen")] // the 2-tier scheme has no districts
    [InlineData("/api/dia-chi/nq202-2025/huyen/001/xa")]
    public async Task A_request_for_children_that_do_not_exist_is_a_404_problem(string url)
    {
        using var response = await app.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Responses_are_cacheable_and_revalidate_with_their_etag()
    {
        var client = app.CreateClient();
        using var first = await client.GetAsync("/api/dia-chi/gso/tinh/01/huyen");
        Assert.True(first.Headers.CacheControl!.Public);
        Assert.Equal(TimeSpan.FromDays(1), first.Headers.CacheControl.MaxAge);
        var etag = first.Headers.ETag!;

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/dia-chi/gso/tinh/01/huyen");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag.Tag));
        using var second = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);

        using var other = await client.GetAsync("/api/dia-chi/gso/tinh/79/huyen");
        Assert.NotEqual(etag.Tag, other.Headers.ETag!.Tag);
    }
}
