using Portal.Domain.Offices;
using Portal.Infrastructure.ReferenceData;

namespace Portal.Web.Features.Lookup;

/// <summary>
/// JSON for the office picker's "Chọn cơ quan khác": a province office followed by the district
/// offices under it (<c>/api/co-quan/{provinceOfficeCode}</c>).
/// </summary>
public static class OfficeEndpoints
{
    public sealed record OfficeDto(string Code, string Name, string? Address, string? Phone);

    public static IEndpointRouteBuilder MapOfficeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/co-quan/{provinceOfficeCode}", async (string provinceOfficeCode, HttpContext http, OfficeDirectory directory, CancellationToken ct) =>
        {
            var tree = await directory.GetTreeAsync(ct);
            if (tree.Provinces.FirstOrDefault(p => p.Office.Code == provinceOfficeCode) is not { } province)
                return CacheableJson.NotFound($"Không có cơ quan BHXH tỉnh, thành phố mã '{provinceOfficeCode}'.");

            var offices = province.Children.Select(d => d.Office).Prepend(province.Office);
            var (json, etag) = CacheableJson.Serialize(offices.Select(o => new OfficeDto(o.Code, o.Name, o.Address, o.Phone)));
            // Admins edit addresses and phones, so browsers keep a list no longer than an instance keeps its tree.
            return CacheableJson.Respond(http, json, etag, OfficeDirectory.Expiry);
        });
        return app;
    }
}
