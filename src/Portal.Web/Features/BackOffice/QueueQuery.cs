using Microsoft.EntityFrameworkCore;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Review;

namespace Portal.Web.Features.BackOffice;

/// <summary>The Tiếp nhận hồ sơ page's reads, each in the caller's DI scope.</summary>
public static class QueueQuery
{
    /// <summary>
    /// Every declaration in <paramref name="scope"/>, projected to the queue's columns. The search and paging then run
    /// in memory (<see cref="QueueFilter"/>): fine for an office's few thousand open declarations, and the one place to
    /// change when a search column (folded text in the database) is added.
    /// </summary>
    public static async Task<List<QueueRow>> RowsAsync(PortalDbContext db, StaffScope scope, CancellationToken cancellationToken = default)
    {
        var declarations = db.Declarations.AsNoTracking();
        if (scope.OfficeCodes is { } codes) declarations = declarations.Where(d => codes.Contains(d.OfficeCode));
        return await declarations
            .Select(d => new QueueRow(d.Id, d.RecordNumber.ToString(), d.Kind, d.Purpose, d.FullName, d.MaSoBhxh, d.IdentityNumber ?? d.GuardianIdentityNumber,
                d.OfficeCode, d.Status, d.CreatedAt, d.ExpiresAt, db.DeclarationEvents.Any(e => e.DeclarationId == d.Id)))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The declaration with this record number (typed or scanned, any form <see cref="RecordNumber.TryParseTyped"/> takes) if it is in scope.</summary>
    public static async Task<Guid?> FindByNumberAsync(PortalDbContext db, StaffScope scope, string? typed, CancellationToken cancellationToken = default)
    {
        if (!RecordNumber.TryParseTyped(typed, out var number)) return null;
        var found = await db.Declarations.AsNoTracking().Where(d => d.RecordNumber == number)
            .Select(d => new { d.Id, d.OfficeCode }).SingleOrDefaultAsync(cancellationToken);
        return found is not null && scope.Covers(found.OfficeCode) ? found.Id : null;
    }
}
