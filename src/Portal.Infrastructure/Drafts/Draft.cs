using Portal.Domain.Declarations;

namespace Portal.Infrastructure.Drafts;

/// <summary>
/// A Mẫu 01 being filled in, kept on the server between steps so that nothing typed or uploaded is
/// lost on an error or on "Quay lại". The browser holds the token; the row holds only its hash.
/// </summary>
public sealed class Draft
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private Draft()
    {
        Id = TokenHash = FormJson = string.Empty;
    }

    public Draft(string tokenHash, DeclarationKind kind, DateTimeOffset now)
    {
        Id = Guid.NewGuid().ToString("N");
        TokenHash = tokenHash;
        Kind = kind;
        FormJson = "{}";
        CreatedAt = UpdatedAt = now;
        ExpiresAt = now + Lifetime;
    }

    /// <summary>Also the idempotency key of the declaration made from it.</summary>
    public string Id { get; private set; }
    public string TokenHash { get; private set; }
    public DeclarationKind Kind { get; private set; }
    /// <summary>The typed fields and photo references, as JSON (see <see cref="DraftForm"/>).</summary>
    public string FormJson { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public Guid? DeclarationId { get; private set; }

    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt;

    public void Save(string formJson, DateTimeOffset now)
    {
        if (DeclarationId is not null) throw new InvalidOperationException("A submitted draft no longer changes.");
        FormJson = formJson;
        UpdatedAt = now;
        ExpiresAt = now + Lifetime;
    }

    public void MarkSubmitted(Guid declarationId) => DeclarationId = declarationId;
}
