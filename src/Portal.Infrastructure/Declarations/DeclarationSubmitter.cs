using Microsoft.EntityFrameworkCore;
using Portal.Domain;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Drafts;
using Portal.Infrastructure.Files;
using Portal.Infrastructure.Outbox;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Declarations;

/// <summary>A photo of the draft is no longer in the store (for example, swept after the draft expired).</summary>
public sealed class MissingPhotoException(PhotoKind kind) : Exception($"The draft's {kind} photo is missing from the store.")
{
    public PhotoKind Kind { get; } = kind;
}

/// <summary>
/// Ghi nhận: turns a validated draft into a declaration with its record number, SMS and optional
/// email in one transaction. The photos are already complete files referenced by the draft, so the
/// commit either makes a declaration with all its photos or makes nothing. Submitting the same draft
/// again, even concurrently, returns the declaration it already made.
/// </summary>
public sealed class DeclarationSubmitter(PortalDbContext db, TimeProvider clock, PhotoStore photoStore, OutboxTrigger outbox)
{
    /// <param name="pdfLinkFor">For a guardian's registration: the link to the PDF that the SMS carries.</param>
    public async Task<Declaration> SubmitAsync(Draft draft, DeclarationContent content, IReadOnlyDictionary<PhotoKind, StoredPhoto> photos,
        Func<Guid, string>? pdfLinkFor = null, CancellationToken cancellationToken = default)
    {
        if (draft.DeclarationId is { } existingId)
            return await db.Declarations.AsNoTracking().SingleAsync(d => d.Id == existingId, cancellationToken);
        foreach (var (kind, photo) in photos)
        {
            if (!photoStore.Exists(photo.Key)) throw new MissingPhotoException(kind);
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var number = await RecordNumberAllocator.NextAsync(db, VietnamTime.ToLocal(now).Year, cancellationToken);
            var declaration = Declaration.Submit(content, number, photos.Select(p => p.Value.ToDeclarationPhoto(p.Key)), draft.Id, draft.TokenHash, now);
            db.Declarations.Add(declaration);
            db.OutboxMessages.AddRange(DeclarationMessages.OnGhiNhan(declaration, pdfLinkFor?.Invoke(declaration.Id), now));
            draft.MarkSubmitted(declaration.Id);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            outbox.MessagesQueued();
            return declaration;
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            var winner = await db.Declarations.AsNoTracking().SingleOrDefaultAsync(d => d.IdempotencyKey == draft.Id, cancellationToken);
            if (winner is null) throw;
            return winner;
        }
    }
}
