using Microsoft.EntityFrameworkCore;
using Portal.Domain;
using Portal.Domain.Offices;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.ReferenceData;

public sealed record OfficeContactChange(string Code, OfficeContact Contact);

/// <summary>Admins' changes to offices' addresses and phones: all of a batch or none, then the cached tree is dropped.</summary>
public sealed class OfficeContacts(PortalDbContext db, OfficeDirectory directory)
{
    /// <summary>Applies every change in one transaction; an unknown code throws <see cref="DomainRuleException"/> and changes nothing.</summary>
    public async Task ApplyAsync(IReadOnlyCollection<OfficeContactChange> changes, CancellationToken cancellationToken = default)
    {
        if (changes.Count == 0) return;
        var codes = changes.Select(c => c.Code).Distinct().ToList();
        var offices = await db.BhxhOffices.Where(o => codes.Contains(o.Code)).ToDictionaryAsync(o => o.Code, StringComparer.Ordinal, cancellationToken);
        foreach (var change in changes)
        {
            if (!offices.TryGetValue(change.Code, out var office)) throw new DomainRuleException($"No office {change.Code}.");
            office.ChangeContact(change.Contact);
        }
        // One SaveChanges is one transaction on both providers.
        await db.SaveChangesAsync(cancellationToken);
        // Other instances see the change when their copy expires (OfficeDirectory.Expiry).
        directory.Invalidate();
    }
}
