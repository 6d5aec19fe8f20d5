namespace Portal.Domain.AdministrativeUnits;

/// <summary>The units an address names, as codes of one scheme; the district is null in a 2-tier scheme.</summary>
public sealed record AddressCodes(string SchemeCode, string? ProvinceCode, string? DistrictCode, string? WardCode);
