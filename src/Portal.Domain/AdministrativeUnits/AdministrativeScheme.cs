namespace Portal.Domain.AdministrativeUnits;

/// <summary>
/// One version of Vietnam's administrative division: the GSO 3-tier list (province, district,
/// ward) or the 2-tier list in force since 1 July 2025 (province, ward). Units belong to one scheme.
/// </summary>
public sealed class AdministrativeScheme
{
    public const string Gso3Tier = "gso";
    public const string Resolution202Of2025 = "nq202-2025";

    private AdministrativeScheme()
    {
        Code = Name = string.Empty;
    }

    public AdministrativeScheme(string code, string name, int depth)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 20 || !code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            throw new DomainRuleException($"A scheme code is 1 to 20 lower-case letters, digits or dashes, not '{code}'.");
        if (string.IsNullOrWhiteSpace(name))
            throw new DomainRuleException("A scheme has a name.");
        if (depth is < 1 or > 5)
            throw new DomainRuleException("A scheme has 1 to 5 levels.");
        Code = code;
        Name = name.Trim();
        Depth = depth;
    }

    public string Code { get; private set; }
    public string Name { get; private set; }
    /// <summary>How many levels the tree has: 3 for province/district/ward, 2 for province/ward.</summary>
    public int Depth { get; private set; }
}
