using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Portal.Domain;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Outbox;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Declarations;

/// <summary>
/// Ghi nhận of a change request (Mẫu 01 section 2 or 3): a record number, the declaration, its SMS and
/// email in one transaction. The form's idempotency key makes a double post one declaration.
/// </summary>
public sealed class ChangeRequestSubmitter(PortalDbContext db, TimeProvider clock, OutboxTrigger outbox)
{
    public async Task<Declaration> SubmitAsync(ChangeRequest request, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        if (await db.Declarations.AsNoTracking().SingleOrDefaultAsync(d => d.IdempotencyKey == idempotencyKey, cancellationToken) is { } existing)
            return existing;
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var number = await RecordNumberAllocator.NextAsync(db, VietnamTime.ToLocal(now).Year, cancellationToken);
            // The account opens the PDF from "Hồ sơ của tôi"; no browser token is needed, so none can be guessed.
            var unusableToken = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
            var declaration = Declaration.RequestChange(request, number, idempotencyKey, unusableToken, now);
            db.Declarations.Add(declaration);
            db.OutboxMessages.AddRange(DeclarationMessages.OnGhiNhan(declaration, pdfLink: null, now));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            outbox.MessagesQueued();
            return declaration;
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            var winner = await db.Declarations.AsNoTracking().SingleOrDefaultAsync(d => d.IdempotencyKey == idempotencyKey, cancellationToken);
            if (winner is null) throw;
            return winner;
        }
    }
}
