using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.AdministrativeUnits;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.ReferenceData;

/// <summary>The administrative trees of every scheme, loaded once per scheme and kept in memory (they change only with a new data release).</summary>
public sealed class AddressDirectory(IServiceScopeFactory scopes, IMemoryCache cache)
{
    public async Task<AdministrativeTree?> GetTreeAsync(string schemeCode, CancellationToken cancellationToken = default)
    {
        if (!await SchemeExistsAsync(schemeCode, cancellationToken)) return null;
        return await cache.GetOrCreateAsync(("address-tree", schemeCode), async entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromHours(6);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var scheme = await db.AdministrativeSchemes.AsNoTracking().SingleAsync(s => s.Code == schemeCode, cancellationToken);
            var units = await db.AdministrativeUnits.AsNoTracking().Where(u => u.SchemeCode == schemeCode).ToListAsync(cancellationToken);
            return new AdministrativeTree(scheme, units);
        });
    }

    public async Task<IReadOnlyList<AdministrativeScheme>> GetSchemesAsync(CancellationToken cancellationToken = default) =>
        (await cache.GetOrCreateAsync("address-schemes", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            return (IReadOnlyList<AdministrativeScheme>)await db.AdministrativeSchemes.AsNoTracking().OrderBy(s => s.Code).ToListAsync(cancellationToken);
        }))!;

    private async Task<bool> SchemeExistsAsync(string schemeCode, CancellationToken cancellationToken) =>
        (await GetSchemesAsync(cancellationToken)).Any(s => s.Code == schemeCode);
}
