using Microsoft.Extensions.Caching.Memory;
using Microsoft.Net.Http.Headers;
using Portal.Domain.AdministrativeUnits;
using Portal.Infrastructure.ReferenceData;

namespace Portal.Web.Features.Lookup;

/// <summary>
/// JSON for the address cascade, for either scheme: provinces (<c>/tinh</c>), districts of a province
/// (<c>/tinh/{code}/huyen</c>, 3-tier scheme), wards of a district (<c>/huyen/{code}/xa</c>, 3-tier) and
/// wards of a province (<c>/tinh/{code}/xa</c>, 2-tier). Reference data changes only with a release, so
/// responses are cacheable for a day and carry an ETag.
/// </summary>
public static class AddressEndpoints
{
    public sealed record UnitDto(string Code, string Name, string Kind, bool HasChildren);

    private enum Tier { Province, District, Ward }

    public static IEndpointRouteBuilder MapAddressEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/dia-chi/{scheme}");
        group.MapGet("/tinh", (string scheme, HttpContext http, AddressDirectory directory, IMemoryCache cache, CancellationToken ct) =>
            RespondAsync(http, directory, cache, scheme, null, Tier.Province, ct));
        group.MapGet("/tinh/{code}/huyen", (string scheme, string code, HttpContext http, AddressDirectory directory, IMemoryCache cache, CancellationToken ct) =>
            RespondAsync(http, directory, cache, scheme, code, Tier.District, ct));
        group.MapGet("/tinh/{code}/xa", (string scheme, string code, HttpContext http, AddressDirectory directory, IMemoryCache cache, CancellationToken ct) =>
            RespondAsync(http, directory, cache, scheme, code, Tier.Ward, ct));
        group.MapGet("/huyen/{code}/xa", (string scheme, string code, HttpContext http, AddressDirectory directory, IMemoryCache cache, CancellationToken ct) =>
            RespondAsync(http, directory, cache, scheme, code, Tier.Ward, ct, parentIsDistrict: true));
        return app;
    }

    private static async Task<IResult> RespondAsync(HttpContext http, AddressDirectory directory, IMemoryCache cache,
        string scheme, string? parentCode, Tier wanted, CancellationToken ct, bool parentIsDistrict = false)
    {
        var tree = await directory.GetTreeAsync(scheme, ct);
        if (tree is null)
            return NotFound($"Không có danh mục hành chính '{scheme}'.");

        if (parentCode is not null)
        {
            var parentLevel = parentIsDistrict ? 2 : 1;
            var wantedLevel = wanted == Tier.District ? 2 : tree.Scheme.Depth;
            var schemeHasThatTier = wanted != Tier.District || tree.Scheme.Depth == 3;
            if (!schemeHasThatTier || wantedLevel != parentLevel + 1)
                return NotFound(tree.Scheme.Depth == 2
                    ? "Danh mục 2 cấp không có quận, huyện: xã, phường thuộc trực tiếp tỉnh, thành phố."
                    : "Trong danh mục 3 cấp, xã, phường thuộc quận, huyện.");
            if (tree.Find(parentCode) is not { } parent || tree.LevelOf(parent.Code) != parentLevel)
                return NotFound(parentIsDistrict ? $"Không có quận, huyện mã '{parentCode}'." : $"Không có tỉnh, thành phố mã '{parentCode}'.");
        }

        var (json, etag) = cache.GetOrCreate(("address-json", scheme, parentCode), entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromHours(6);
            return Serialize(tree, parentCode);
        });

        return CacheableJson.Respond(http, json, etag, TimeSpan.FromDays(1));
    }

    private static (byte[] Json, EntityTagHeaderValue ETag) Serialize(AdministrativeTree tree, string? parentCode)
    {
        var units = parentCode is null ? tree.Roots : tree.ChildrenOf(parentCode);
        return CacheableJson.Serialize(units.Select(u => new UnitDto(u.Code, u.Name, u.Kind, tree.ChildrenOf(u.Code).Count > 0)));
    }

    private static IResult NotFound(string detail) => CacheableJson.NotFound(detail);
}
