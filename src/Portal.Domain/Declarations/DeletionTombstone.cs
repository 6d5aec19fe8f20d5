namespace Portal.Domain.Declarations;

/// <summary>
/// What is left of a declaration deleted by the purge: enough to answer "what happened to record
/// GD/2026/00123?" and nothing about the person (no name, number, address, phone or email).
/// </summary>
public sealed class DeletionTombstone
{
    /// <summary>The reason for a declaration that was not handed in within <see cref="Declaration.HandInPeriod"/>.</summary>
    public const string NotHandedInWithin10Days = "not-handed-in-within-10-days";

    private DeletionTombstone()
    {
        RecordNumber = OfficeCode = Reason = string.Empty;
    }

    public DeletionTombstone(string recordNumber, string officeCode, DateTimeOffset createdAt, DateTimeOffset deletedAt, string reason)
    {
        if (string.IsNullOrWhiteSpace(recordNumber)) throw new DomainRuleException("A tombstone names the record number.");
        if (string.IsNullOrWhiteSpace(officeCode)) throw new DomainRuleException("A tombstone names the office.");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainRuleException("A tombstone gives the reason.");
        if (deletedAt < createdAt) throw new DomainRuleException("A declaration is deleted after it was created.");
        RecordNumber = recordNumber;
        OfficeCode = officeCode;
        CreatedAt = createdAt;
        DeletedAt = deletedAt;
        Reason = reason;
    }

    /// <summary>The key: a record number is deleted once.</summary>
    public string RecordNumber { get; private set; }
    public string OfficeCode { get; private set; }
    /// <summary>When the declaration was made (Ghi nhận).</summary>
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset DeletedAt { get; private set; }
    public string Reason { get; private set; }
}
