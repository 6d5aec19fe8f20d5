using Microsoft.EntityFrameworkCore;
using Portal.Domain;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Pdf;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Review;

/// <summary>The declarations a batch print will hold, in print order, and how many of those asked were left out (gone or out of scope).</summary>
public sealed record BatchPrintSelection(IReadOnlyList<Declaration> Declarations, int Skipped);

/// <summary>
/// In các hồ sơ đã chọn: a staff member's declarations as one PDF. The ids are checked against the scope again here,
/// whoever sent them; the print follows the queue's order (<see cref="QueueOrder"/>) whatever order they were asked in;
/// and every declaration printed is recorded as viewed, in one save once the PDF is complete.
/// </summary>
public sealed class BatchPrint(PortalDbContext db, BatchPdf pdf, TimeProvider clock)
{
    public const int MaxDeclarations = 500;
    public const string ViewNote = "In hàng loạt";

    /// <summary>The declarations in scope received today, Vietnam's calendar day.</summary>
    public async Task<List<Guid>> ReceivedTodayAsync(StaffScope scope, CancellationToken cancellationToken = default)
    {
        var today = VietnamTime.Today(clock.GetUtcNow());
        // Instants are stored in UTC and compared as such (PortalDbContext): the day's bounds must be UTC too.
        var start = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), VietnamTime.Offset).ToUniversalTime();
        var end = start.AddDays(1);
        var received = InScope(scope).Where(d => d.ReceivedAt >= start && d.ReceivedAt < end);
        return await received.Select(d => d.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Loads the asked declarations that are in scope, in print order; at most <see cref="MaxDeclarations"/> may be asked.</summary>
    public async Task<BatchPrintSelection> SelectAsync(IEnumerable<Guid> ids, StaffScope scope, CancellationToken cancellationToken = default)
    {
        var asked = ids.ToHashSet();
        if (asked.Count > MaxDeclarations)
            throw new ArgumentOutOfRangeException(nameof(ids), asked.Count, $"A batch print holds at most {MaxDeclarations} declarations.");
        var found = await InScope(scope).Include(d => d.Photos).Where(d => asked.Contains(d.Id)).ToListAsync(cancellationToken);
        return new BatchPrintSelection(found.NewestFirst(d => d.CreatedAt, d => d.RecordNumber.ToString()).ToList(), asked.Count - found.Count);
    }

    /// <summary>Writes the selection's PDF to <paramref name="output"/>, records the views and returns the page count.</summary>
    public async Task<int> PrintAsync(BatchPrintSelection selection, StaffScope scope, Stream output, IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var pages = await pdf.WriteAsync(selection.Declarations, output, progress, cancellationToken);
        var now = clock.GetUtcNow();
        db.DeclarationEvents.AddRange(selection.Declarations.Select(d =>
            new DeclarationEvent(d.Id, DeclarationEventKind.Viewed, scope.UserId, scope.UserName, now, ViewNote)));
        await db.SaveChangesAsync(cancellationToken);
        return pages;
    }

    private IQueryable<Declaration> InScope(StaffScope scope)
    {
        var declarations = db.Declarations.AsNoTracking();
        return scope.OfficeCodes is { } codes ? declarations.Where(d => codes.Contains(d.OfficeCode)) : declarations;
    }
}
