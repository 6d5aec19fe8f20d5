using System.Text.RegularExpressions;

namespace Portal.Domain.Declarations;

/// <summary>Rules for the numbers a citizen types on Mẫu 01. Each Try… returns the normalised value or null.</summary>
public static partial class Identifiers
{
    /// <summary>GSO codes of the 63 provinces; a CCCD number starts with "0" + one of them.</summary>
    public static readonly IReadOnlySet<string> CccdProvinceCodes = new HashSet<string>(
    [
        "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020", "022", "024", "025",
        "026", "027", "030", "031", "033", "034", "035", "036", "037", "038", "040", "042", "044", "045", "046", "048",
        "049", "051", "052", "054", "056", "058", "060", "062", "064", "066", "067", "068", "070", "072", "074", "075",
        "077", "079", "080", "082", "083", "084", "086", "087", "089", "091", "092", "093", "094", "095", "096",
    ]);

    /// <summary>Mã số BHXH: exactly 10 digits (also the last 10 digits of the BHYT card number).</summary>
    public static bool IsMaSoBhxh(string? value) => value is not null && MaSoBhxhPattern().IsMatch(value);

    public static IdentityDocumentType? IdentityTypeOf(string? value)
    {
        if (value is null) return null;
        if (CmndPattern().IsMatch(value)) return IdentityDocumentType.Cmnd;
        if (CccdPattern().IsMatch(value)) return CccdProvinceCodes.Contains(value[..3]) ? IdentityDocumentType.Cccd : null;
        if (PassportPattern().IsMatch(value)) return IdentityDocumentType.Passport;
        return null;
    }

    /// <summary>Upper-cases a passport's letter; digits stay as they are.</summary>
    public static string NormalizeIdentity(string value) => value.Trim().ToUpperInvariant();

    /// <summary>
    /// A Vietnamese mobile number as 10 digits starting with 0: accepts "+84…", "84…" and spaces,
    /// dots or dashes between digits. Prefixes 03, 05, 07, 08, 09.
    /// </summary>
    public static string? NormalizeMobile(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var compact = Separators().Replace(value.Trim(), "");
        if (compact.StartsWith("+84", StringComparison.Ordinal)) compact = "0" + compact[3..];
        else if (compact.StartsWith("84", StringComparison.Ordinal) && compact.Length == 11) compact = "0" + compact[2..];
        return MobilePattern().IsMatch(compact) ? compact : null;
    }

    [GeneratedRegex(@"^[0-9]{10}$")] private static partial Regex MaSoBhxhPattern();
    [GeneratedRegex(@"^[0-9]{9}$")] private static partial Regex CmndPattern();
    [GeneratedRegex(@"^[0-9]{12}$")] private static partial Regex CccdPattern();
    [GeneratedRegex(@"^[A-Z][0-9]{7}$")] private static partial Regex PassportPattern();
    [GeneratedRegex(@"^0[35789][0-9]{8}$")] private static partial Regex MobilePattern();
    [GeneratedRegex(@"[\s.\-()]")] private static partial Regex Separators();
}
