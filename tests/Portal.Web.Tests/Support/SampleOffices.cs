using Portal.Domain.Offices;

namespace Portal.Web.Tests.Support;

/// <summary>A small office tree for component tests: Hà Nội with Ba Đình and Đống Đa (with its contact), Hồ Chí Minh City with a derived Quận 1 and Quận 7.</summary>
public static class SampleOffices
{
    public static readonly OfficeTree Tree = Build();

    private static OfficeTree Build()
    {
        var dongDa = BhxhOffice.ForDistrict("00106", "BHXH Quận Đống Đa", "001", OfficeSource.Seed);
        dongDa.UpdateContact("Phố Trần Hữu Tước, phường Nam Đồng", "02438747408");
        return new OfficeTree(
        [
            BhxhOffice.ForProvince("001", "BHXH Tp. Hà Nội", OfficeSource.Seed),
            BhxhOffice.ForDistrict("00101", "BHXH Quận Ba Đình", "001", OfficeSource.Seed),
            dongDa,
            BhxhOffice.ForProvince("079", "BHXH Tp.Hồ Chí Minh", OfficeSource.Seed),
            BhxhOffice.ForDistrict("07901", "BHXH Quận 1", "079", OfficeSource.Derived),
            BhxhOffice.ForDistrict("07919", "BHXH Quận 7", "079", OfficeSource.Seed),
        ]);
    }
}
