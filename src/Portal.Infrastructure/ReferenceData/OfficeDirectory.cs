using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Offices;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.ReferenceData;

/// <summary>
/// The office tree, read from the database and kept in memory for a short while: every page that
/// shows or picks an office reads it, and staff edits reach every instance within the expiry.
/// </summary>
public sealed class OfficeDirectory(IServiceScopeFactory scopes, IMemoryCache cache)
{
    private static readonly object CacheKey = new();
    public static readonly TimeSpan Expiry = TimeSpan.FromMinutes(2);

    public async Task<OfficeTree> GetTreeAsync(CancellationToken cancellationToken = default) =>
        (await cache.GetOrCreateAsync(CacheKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Expiry;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            return new OfficeTree(await db.BhxhOffices.AsNoTracking().ToListAsync(cancellationToken));
        }))!;

    public void Invalidate() => cache.Remove(CacheKey);
}
