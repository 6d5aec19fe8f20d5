namespace Portal.Domain.AdministrativeUnits;

/// <summary>
/// A province, district or ward in one scheme's tree, keyed by its GSO code within the scheme.
/// A unit without a parent is a province; the tree may have any depth.
/// </summary>
public sealed class AdministrativeUnit
{
    public const int MaxCodeLength = 10;
    public const int MaxNameLength = 150;

    private AdministrativeUnit()
    {
        SchemeCode = Code = Name = Kind = string.Empty;
    }

    public AdministrativeUnit(string schemeCode, string code, string name, string kind, string? parentCode)
    {
        if (string.IsNullOrWhiteSpace(schemeCode))
            throw new DomainRuleException("A unit belongs to a scheme.");
        if (string.IsNullOrEmpty(code) || code.Length > MaxCodeLength || !code.All(char.IsAsciiDigit))
            throw new DomainRuleException($"A unit code is 1 to {MaxCodeLength} digits, not '{code}'.");
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength)
            throw new DomainRuleException($"A unit has a name of at most {MaxNameLength} characters.");
        if (string.IsNullOrWhiteSpace(kind))
            throw new DomainRuleException("A unit has a kind (Tỉnh, Quận, Phường, ...).");
        if (parentCode is not null && (parentCode == code || parentCode.Length == 0 || !parentCode.All(char.IsAsciiDigit)))
            throw new DomainRuleException($"Unit '{code}' cannot have '{parentCode}' as its parent.");

        SchemeCode = schemeCode;
        Code = code;
        Name = name.Trim();
        Kind = kind.Trim();
        ParentCode = parentCode;
    }

    public string SchemeCode { get; private set; }
    public string Code { get; private set; }
    /// <summary>The name with its kind, as written in addresses: "Phường Nhân Chính".</summary>
    public string Name { get; private set; }
    public string Kind { get; private set; }
    public string? ParentCode { get; private set; }

    /// <summary>"00343 - Phường Nhân Chính", the way the portal lists units.</summary>
    public string DisplayName => $"{Code} - {Name}";
}
