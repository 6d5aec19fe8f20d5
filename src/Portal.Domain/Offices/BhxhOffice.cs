using System.Text.RegularExpressions;

namespace Portal.Domain.Offices;

/// <summary>
/// A BHXH office that receives declarations. Codes are BHXH's own numbering: a province
/// office has 3 digits, a district office has its province office's code plus 2 digits.
/// </summary>
public sealed partial class BhxhOffice
{
    public const int MaxNameLength = 200;
    public const int MaxAddressLength = 300;

    private BhxhOffice()
    {
        Code = Name = string.Empty;
    }

    private BhxhOffice(string code, string name, string? parentCode, OfficeSource source, string? administrativeUnitCode)
    {
        Code = code;
        Name = RequireName(name);
        ParentCode = parentCode;
        Source = source;
        AdministrativeUnitCode = string.IsNullOrWhiteSpace(administrativeUnitCode) ? null : administrativeUnitCode.Trim();
    }

    public string Code { get; private set; }
    public string Name { get; private set; }
    public string? ParentCode { get; private set; }
    public string? Address { get; private set; }
    /// <summary>Digits only.</summary>
    public string? Phone { get; private set; }
    public OfficeSource Source { get; private set; }
    /// <summary>The GSO province or district code this office serves, when one matches.</summary>
    public string? AdministrativeUnitCode { get; private set; }

    public bool IsProvinceOffice => ParentCode is null;

    public static BhxhOffice ForProvince(string code, string name, OfficeSource source, string? administrativeUnitCode = null)
    {
        if (code is null || !ProvinceCode().IsMatch(code))
            throw new DomainRuleException($"A province office code has 3 digits, not '{code}'.");
        return new BhxhOffice(code, name, null, source, administrativeUnitCode);
    }

    public static BhxhOffice ForDistrict(string code, string name, string provinceOfficeCode, OfficeSource source, string? administrativeUnitCode = null)
    {
        if (provinceOfficeCode is null || !ProvinceCode().IsMatch(provinceOfficeCode))
            throw new DomainRuleException($"A district office belongs to a province office with a 3-digit code, not '{provinceOfficeCode}'.");
        if (code is null || !DistrictCode().IsMatch(code) || !code.StartsWith(provinceOfficeCode, StringComparison.Ordinal))
            throw new DomainRuleException($"A district office code is its province office's code '{provinceOfficeCode}' plus 2 digits, not '{code}'.");
        return new BhxhOffice(code, name, provinceOfficeCode, source, administrativeUnitCode);
    }

    /// <summary>Sets the address and phone shown to citizens; staff keep these current.</summary>
    public void UpdateContact(string? address, string? phone)
    {
        var trimmedAddress = string.IsNullOrWhiteSpace(address) ? null : address.Trim();
        if (trimmedAddress is { Length: > MaxAddressLength })
            throw new DomainRuleException($"An office address has at most {MaxAddressLength} characters.");

        string? digits = null;
        if (!string.IsNullOrWhiteSpace(phone))
        {
            if (!PhoneCharacters().IsMatch(phone))
                throw new DomainRuleException("An office phone holds digits, spaces, dots, dashes and parentheses only.");
            digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
            if (digits.Length is < 8 or > 11)
                throw new DomainRuleException("An office phone has 8 to 11 digits.");
        }

        Address = trimmedAddress;
        Phone = digits;
    }

    private static string RequireName(string name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
            throw new DomainRuleException("An office has a name.");
        if (trimmed.Length > MaxNameLength)
            throw new DomainRuleException($"An office name has at most {MaxNameLength} characters.");
        return trimmed;
    }

    [GeneratedRegex(@"^[0-9]{3}$")]
    private static partial Regex ProvinceCode();

    [GeneratedRegex(@"^[0-9]{5}$")]
    private static partial Regex DistrictCode();

    [GeneratedRegex(@"^[0-9\s.()\-+]+$")]
    private static partial Regex PhoneCharacters();
}
