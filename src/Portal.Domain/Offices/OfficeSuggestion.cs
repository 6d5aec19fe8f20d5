using Portal.Domain.AdministrativeUnits;

namespace Portal.Domain.Offices;

/// <summary>
/// The office that most likely receives a citizen's declaration, from their address: the office of
/// the GSO district, else of the province. A 2-tier address has no district, so its ward's old
/// district stands in: the one that gave the ward most of its old wards.
/// </summary>
public static class OfficeSuggestion
{
    public static BhxhOffice? For(AddressCodes address, OfficeTree offices, WardOrigins wardOrigins, AdministrativeTree gso)
    {
        ArgumentNullException.ThrowIfNull(address);
        switch (address.SchemeCode)
        {
            case AdministrativeScheme.Gso3Tier:
                return FirstServing(offices, address.DistrictCode, address.ProvinceCode);
            case AdministrativeScheme.Resolution202Of2025:
                var oldDistrict = wardOrigins.OldDistrictsOf(address.WardCode).FirstOrDefault();
                var oldProvince = gso.Find(oldDistrict)?.ParentCode;
                // Each new province kept the code of one of the GSO provinces merged into it.
                return FirstServing(offices, oldDistrict, oldProvince, address.ProvinceCode);
            default:
                return null;
        }
    }

    private static BhxhOffice? FirstServing(OfficeTree offices, params string?[] gsoUnitCodes) =>
        gsoUnitCodes.Select(offices.Serving).FirstOrDefault(office => office is not null);
}
