using Portal.Infrastructure.ReferenceData;

namespace Portal.Infrastructure.Tests.ReferenceData;

public sealed class WardOriginsFileTests
{
    [Fact]
    public void Every_2_tier_ward_traces_back_to_its_old_districts_most_old_wards_first()
    {
        var origins = ReferenceDataFiles.ReadWardOrigins();
        Assert.Equal(3321, origins.Count); // every ward of the 2-tier scheme
        // Phường Hồng Hà (riverside): 3 old wards from Tây Hồ, 2 from Hoàn Kiếm, 1 each from Ba Đình and Hai Bà Trưng.
        Assert.Equal(["003", "002", "001", "007"], origins.OldDistrictsOf("00097"));
        // Đặc khu Côn Đảo's row names no old ward: it continues the ward-less GSO district Huyện Côn Đảo, found by name.
        Assert.Equal(["755"], origins.OldDistrictsOf("26732"));
        Assert.Equal(["632"], origins.OldDistrictsOf("23737")); // Xã Ia Mơ has no row; the GSO ward of its name was in Huyện Chư Prông
    }
}
