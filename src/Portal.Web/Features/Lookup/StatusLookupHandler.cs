using Microsoft.EntityFrameworkCore;
using Portal.Domain;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.ReferenceData;

namespace Portal.Web.Features.Lookup;

/// <summary>What the public status lookup may tell of a declaration; nothing about the person.</summary>
/// <param name="Deadline">The last day (Vietnam date) to hand in the signed form, while the declaration waits for it.</param>
/// <param name="DaysLeft">Days from today (Vietnam date) to <paramref name="Deadline"/>: 0 on the last day, negative once it has passed.</param>
public sealed record DeclarationStatusView(DeclarationStatus Status, string OfficeName, DateOnly? Deadline, int? DaysLeft);

/// <summary>Finds a declaration by its record number and mã số BHXH together.</summary>
public sealed class StatusLookupHandler(PortalDbContext db, OfficeDirectory offices, TimeProvider clock)
{
    /// <summary>
    /// Null when no declaration has both values: the number unknown, the mã số another one's, or the declaration
    /// purged (its tombstone has no mã số). One query by both values, so these cases cost the same and look the same.
    /// </summary>
    public async Task<DeclarationStatusView?> FindAsync(RecordNumber number, string maSoBhxh, CancellationToken cancellationToken = default)
    {
        var found = await db.Declarations.AsNoTracking()
            .Where(d => d.RecordNumber == number && d.MaSoBhxh == maSoBhxh)
            .Select(d => new { d.Status, d.OfficeCode, d.ExpiresAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null) return null;

        var office = (await offices.GetTreeAsync(cancellationToken)).Find(found.OfficeCode);
        DateOnly? deadline = found.Status == DeclarationStatus.Submitted ? VietnamTime.Today(found.ExpiresAt) : null;
        var daysLeft = deadline?.DayNumber - VietnamTime.Today(clock.GetUtcNow()).DayNumber;
        return new DeclarationStatusView(found.Status, office?.Name ?? found.OfficeCode, deadline, daysLeft);
    }
}
