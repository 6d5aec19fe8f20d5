using Portal.Infrastructure.ReferenceData;

namespace Portal.Infrastructure.Tests.ReferenceData;

public sealed class WardOriginsFileTests
{
    [Fact]
    public void Nearly_every_2_tier_ward_traces_back_to_its_old_districts_most_old_wards_first()
    {
        var origins = ReferenceDataFiles.ReadWardOrigins();
        // 3,321 wards; the 5 special zones made of whole island districts and Xã Ia Mơ have no mapping rows.
        Assert.Equal(3315, origins.Count);
        // Phường Hồng Hà (riverside): 3 old wards from Tây Hồ, 2 from Hoàn Kiếm, 1 each from Ba Đình and Hai Bà Trưng.
        Assert.Equal(["003", "002", "001", "007"], origins.OldDistrictsOf("00097"));
        Assert.Empty(origins.OldDistrictsOf("26732"));
    }
}
