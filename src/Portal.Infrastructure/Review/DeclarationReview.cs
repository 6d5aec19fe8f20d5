using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Domain;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Accounts;
using Portal.Infrastructure.Outbox;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.ReferenceData;

namespace Portal.Infrastructure.Review;

public enum ReviewOutcome
{
    Done,
    /// <summary>Not in the staff member's offices, or no such declaration: the same answer, so nothing leaks.</summary>
    NotFound,
    /// <summary>Another staff member changed it first; nothing was done.</summary>
    ChangedMeanwhile,
    /// <summary>The transition is not allowed from the declaration's status (the domain refused it).</summary>
    NotAllowed,
}

/// <summary>
/// What staff do with a declaration at the counter: mark it received (the signed form and the ID were
/// checked), accept it (the account is created, or told, and the first password goes out), or reject it
/// with a reason (a notice goes out). Each transition records who and when, commits with its messages,
/// and loses to a concurrent one cleanly: the status is the declaration's concurrency token. Each action
/// names the status the staff member <c>seen</c> on the page: a declaration that has moved on since is
/// answered <see cref="ReviewOutcome.ChangedMeanwhile"/>, not acted on.
/// </summary>
public sealed class DeclarationReview(PortalDbContext db, AccountCreator accounts, UserManager<PortalUser> users, OfficeDirectory offices,
    TimeProvider clock, OutboxTrigger outbox)
{
    /// <summary>The declaration with its photos' records, when <paramref name="scope"/> covers it.</summary>
    public async Task<Declaration?> FindAsync(Guid id, StaffScope scope, CancellationToken cancellationToken = default)
    {
        var declaration = await db.Declarations.AsNoTracking().Include(d => d.Photos).SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        return declaration is not null && scope.Covers(declaration.OfficeCode) ? declaration : null;
    }

    public Task<ReviewOutcome> MarkReceivedAsync(Guid id, StaffScope scope, DeclarationStatus seen, CancellationToken cancellationToken = default) =>
        TransitionAsync(id, scope, seen, DeclarationEventKind.Received, null, (d, now) =>
        {
            d.MarkReceived(now);
            return Task.CompletedTask;
        }, cancellationToken);

    public Task<ReviewOutcome> AcceptAsync(Guid id, StaffScope scope, DeclarationStatus seen, CancellationToken cancellationToken = default) =>
        TransitionAsync(id, scope, seen, DeclarationEventKind.Accepted, null, async (d, now) =>
        {
            d.Accept(now);
            if (await users.FindByNameAsync(d.MaSoBhxh) is null)
            {
                // A child's account has the child's mã số and the guardian's contacts, to which its password goes.
                await accounts.CreateAsync(new NewAccount(PortalRoles.Citizen, d.MaSoBhxh, d.FullName, d.MobilePhone, d.Email, null,
                    d.Kind == DeclarationKind.Individual ? d.IdentityNumber : null), cancellationToken);
            }
            else
            {
                db.OutboxMessages.AddRange(ReviewMessages.Accepted(d, await OfficeNameAsync(d, cancellationToken), now));
            }
        }, cancellationToken);

    public Task<ReviewOutcome> RejectAsync(Guid id, StaffScope scope, DeclarationStatus seen, string reason, CancellationToken cancellationToken = default) =>
        TransitionAsync(id, scope, seen, DeclarationEventKind.Rejected, reason.Trim(), async (d, now) =>
        {
            d.Reject(reason, now);
            db.OutboxMessages.AddRange(ReviewMessages.Rejected(d, await OfficeNameAsync(d, cancellationToken), now));
        }, cancellationToken);

    private async Task<ReviewOutcome> TransitionAsync(Guid id, StaffScope scope, DeclarationStatus seen, DeclarationEventKind kind, string? note,
        Func<Declaration, DateTimeOffset, Task> apply, CancellationToken cancellationToken)
    {
        var declaration = await db.Declarations.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (declaration is null || !scope.Covers(declaration.OfficeCode)) return ReviewOutcome.NotFound;
        // Received or rejected by someone else since the page showed it: acting now would decide on what was not seen.
        if (declaration.Status != seen) return ReviewOutcome.ChangedMeanwhile;
        var statusBefore = declaration.Status;
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await apply(declaration, now);
            db.DeclarationEvents.Add(new DeclarationEvent(declaration.Id, kind, scope.UserId, scope.UserName, now,
                note is { Length: > DeclarationEvent.MaxNoteLength } ? note[..DeclarationEvent.MaxNoteLength] : note));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DomainRuleException)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return ReviewOutcome.NotAllowed;
        }
        catch (Exception e) when (e is DbUpdateException or AccountRefusedException)
        {
            // A concurrent transition shows as zero rows updated, a duplicate account or a lock failure, depending
            // on who got where first: whatever it was, the declaration's status has moved on.
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            var statusNow = await db.Declarations.AsNoTracking().Where(d => d.Id == id).Select(d => (DeclarationStatus?)d.Status).SingleOrDefaultAsync(CancellationToken.None);
            if (statusNow == statusBefore) throw;
            return ReviewOutcome.ChangedMeanwhile;
        }
        outbox.MessagesQueued();
        return ReviewOutcome.Done;
    }

    private async Task<string> OfficeNameAsync(Declaration declaration, CancellationToken cancellationToken) =>
        (await offices.GetTreeAsync(cancellationToken)).Find(declaration.OfficeCode)?.Name ?? declaration.OfficeCode;
}
