using Portal.Domain.AdministrativeUnits;
using Portal.Domain.Offices;

namespace Portal.Domain.Tests;

public sealed class OfficeSuggestionTests
{
    private const string Gso = AdministrativeScheme.Gso3Tier;
    private const string TwoTier = AdministrativeScheme.Resolution202Of2025;

    private static readonly OfficeTree Offices = new(
    [
        BhxhOffice.ForProvince("001", "BHXH Tp. Hà Nội", OfficeSource.Seed, "01"),
        BhxhOffice.ForDistrict("00101", "BHXH Quận Ba Đình", "001", OfficeSource.Seed, "001"),
        BhxhOffice.ForDistrict("00106", "BHXH Quận Đống Đa", "001", OfficeSource.Seed, "006"),
        BhxhOffice.ForProvince("026", "BHXH Tỉnh Vĩnh Phúc", OfficeSource.Derived, "26"),
        BhxhOffice.ForProvince("025", "BHXH Tỉnh Phú Thọ", OfficeSource.Derived, "25"),
    ]);

    private static readonly AdministrativeTree GsoTree = new(new AdministrativeScheme(Gso, "3 cấp", 3),
    [
        new(Gso, "01", "Thành phố Hà Nội", "Thành phố", null),
        new(Gso, "001", "Quận Ba Đình", "Quận", "01"),
        new(Gso, "006", "Quận Đống Đa", "Quận", "01"),
        new(Gso, "009", "Quận Thanh Xuân", "Quận", "01"),
        new(Gso, "26", "Tỉnh Vĩnh Phúc", "Tỉnh", null),
        new(Gso, "243", "Thành phố Vĩnh Yên", "Thành phố", "26"),
    ]);

    private static readonly WardOrigins Origins = new(new Dictionary<string, IReadOnlyList<string>>
    {
        ["00229"] = ["006", "001"],
        ["08980"] = ["243"],
    });

    private static string? Suggest(string scheme, string? province, string? district, string? ward) =>
        OfficeSuggestion.For(new AddressCodes(scheme, province, district, ward), Offices, Origins, GsoTree)?.Code;

    [Fact]
    public void A_3_tier_address_gets_its_districts_office() =>
        Assert.Equal("00106", Suggest(Gso, "01", "006", "00229"));

    [Fact]
    public void A_3_tier_district_without_an_office_gets_the_province_office() =>
        Assert.Equal("001", Suggest(Gso, "01", "009", "00343"));

    [Fact]
    public void A_2_tier_ward_gets_the_office_of_the_old_district_that_gave_most_of_its_wards() =>
        Assert.Equal("00106", Suggest(TwoTier, "01", null, "00229"));

    [Fact]
    public void A_2_tier_ward_whose_old_district_has_no_office_gets_the_old_provinces_office() =>
        // Vĩnh Phúc merged into Phú Thọ (25), but its wards still belong to Vĩnh Phúc's office.
        Assert.Equal("026", Suggest(TwoTier, "25", null, "08980"));

    [Fact]
    public void A_2_tier_ward_without_origins_gets_the_office_of_the_province_whose_code_it_kept() =>
        Assert.Equal("025", Suggest(TwoTier, "25", null, "99999"));

    [Fact]
    public void An_unknown_scheme_or_an_address_without_units_gets_no_suggestion()
    {
        Assert.Null(Suggest("other", "01", "006", "00229"));
        Assert.Null(Suggest(Gso, null, null, null));
    }

    [Fact]
    public void The_office_serving_a_unit_is_found_by_the_units_code()
    {
        Assert.Equal("00106", Offices.Serving("006")!.Code);
        Assert.Null(Offices.Serving("009"));
        Assert.Null(Offices.Serving(null));
    }
}
