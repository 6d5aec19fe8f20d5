using System.Text.RegularExpressions;

namespace Portal.Domain.Offices;

/// <summary>
/// A BHXH office that receives declarations. Codes are BHXH's own numbering: a province
/// office has 3 digits, a district office has its province office's code plus 2 digits.
/// </summary>
public sealed partial class BhxhOffice
{
    public const int MaxNameLength = 200;
    public const int MaxAddressLength = OfficeContact.MaxAddressLength;

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

    public OfficeContact Contact => new(Address, Phone);

    /// <summary>Sets the address and phone the reference data states for the office.</summary>
    public void UpdateContact(string? address, string? phone)
    {
        var contact = OfficeContact.Of(address, phone);
        Address = contact.Address;
        Phone = contact.Phone;
    }

    /// <summary>
    /// Admins set the address and phone: from then on they are the office's own, no longer derived
    /// from the district list or quoted from the guidance documents.
    /// </summary>
    public void ChangeContact(OfficeContact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        Address = contact.Address;
        Phone = contact.Phone;
        Source = OfficeSource.Staff;
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
}
