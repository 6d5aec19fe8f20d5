namespace Portal.Infrastructure.Declarations;

/// <summary>The last record-number sequence handed out in a year.</summary>
public sealed class RecordSequence
{
    private RecordSequence() { }

    public int Year { get; private set; }
    public int LastValue { get; private set; }
}
