namespace Portal.Infrastructure.Review;

public enum DeclarationEventKind
{
    Received,
    Accepted,
    Rejected,
    /// <summary>A staff member opened the declaration's photos or PDF (privacy: every view is recorded).</summary>
    Viewed,
}

/// <summary>One line of a declaration's history: what a staff member did or looked at, and when. No personal data beyond who acted.</summary>
public sealed class DeclarationEvent
{
    public const int MaxNoteLength = 500;

    private DeclarationEvent()
    {
        ByUserName = string.Empty;
    }

    public DeclarationEvent(Guid declarationId, DeclarationEventKind kind, Guid byUserId, string byUserName, DateTimeOffset at, string? note = null)
    {
        if (note is { Length: > MaxNoteLength }) throw new ArgumentException("The note is too long.", nameof(note));
        Id = Guid.CreateVersion7(at);
        DeclarationId = declarationId;
        Kind = kind;
        ByUserId = byUserId;
        ByUserName = byUserName;
        At = at;
        Note = note;
    }

    public Guid Id { get; private set; }
    public Guid DeclarationId { get; private set; }
    public DeclarationEventKind Kind { get; private set; }
    public Guid ByUserId { get; private set; }
    public string ByUserName { get; private set; }
    public DateTimeOffset At { get; private set; }
    /// <summary>The rejection reason, or which file was viewed.</summary>
    public string? Note { get; private set; }
}
