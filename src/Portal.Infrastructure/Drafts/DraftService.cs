using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Drafts;

/// <summary>Drafts live under an unguessable token that only the browser holds; the database keeps its SHA-256.</summary>
public sealed class DraftService(PortalDbContext db, TimeProvider clock)
{
    public async Task<(Draft Draft, string Token)> StartAsync(DeclarationKind kind, CancellationToken cancellationToken = default)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var draft = new Draft(HashToken(token), kind, clock.GetUtcNow());
        db.Drafts.Add(draft);
        await db.SaveChangesAsync(cancellationToken);
        return (draft, token);
    }

    /// <summary>The live draft behind a token, or null when the token is unknown or the draft expired.</summary>
    public async Task<Draft?> FindAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return null;
        var hash = HashToken(token);
        var draft = await db.Drafts.SingleOrDefaultAsync(d => d.TokenHash == hash, cancellationToken);
        return draft is null || (draft.IsExpired(clock.GetUtcNow()) && draft.DeclarationId is null) ? null : draft;
    }

    public async Task SaveAsync(Draft draft, DraftForm form, CancellationToken cancellationToken = default)
    {
        draft.Save(form.ToJson(), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The declaration a draft became, waiting a little for a submission still being recorded by another request.</summary>
    public async Task<Guid?> WaitForDeclarationAsync(string draftId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = clock.GetUtcNow() + timeout;
        while (true)
        {
            var declarationId = await db.Drafts.AsNoTracking().Where(d => d.Id == draftId).Select(d => d.DeclarationId).SingleOrDefaultAsync(cancellationToken);
            if (declarationId is not null || clock.GetUtcNow() >= deadline) return declarationId;
            await Task.Delay(TimeSpan.FromMilliseconds(100), clock, cancellationToken);
        }
    }

    public static string HashToken(string token) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))).ToLowerInvariant();
}
