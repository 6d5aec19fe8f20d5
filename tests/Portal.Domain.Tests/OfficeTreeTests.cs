using Portal.Domain.Offices;

namespace Portal.Domain.Tests;

public sealed class OfficeTreeTests
{
    private static BhxhOffice Province(string code, string name) => BhxhOffice.ForProvince(code, name, OfficeSource.Seed);
    private static BhxhOffice District(string code, string name, string parent) => BhxhOffice.ForDistrict(code, name, parent, OfficeSource.Seed);

    private static OfficeTree Sample() => new(
    [
        District("00106", "BHXH Quận Đống Đa", "001"),
        Province("079", "BHXH Tp.Hồ Chí Minh"),
        District("00101", "BHXH Quận Ba Đình", "001"),
        Province("001", "BHXH Tp. Hà Nội"),
        District("07919", "BHXH Quận 7", "079"),
        District("00110", "BHXH Huyện Sóc Sơn", "001"),
    ]);

    [Fact]
    public void Provinces_and_their_districts_are_ordered_by_code()
    {
        var tree = Sample();
        Assert.Equal(["001", "079"], tree.Provinces.Select(p => p.Office.Code));
        Assert.Equal(["00101", "00106", "00110"], tree.Provinces[0].Children.Select(d => d.Office.Code));
        Assert.Equal(["07919"], tree.Provinces[1].Children.Select(d => d.Office.Code));
    }

    [Fact]
    public void A_code_that_appears_twice_is_refused()
    {
        var e = Assert.Throws<DomainRuleException>(() => new OfficeTree([Province("001", "A"), Province("001", "B")]));
        Assert.Contains("001", e.Message);
    }

    [Fact]
    public void A_district_office_without_its_province_office_is_refused()
    {
        Assert.Throws<DomainRuleException>(() => new OfficeTree([Province("001", "BHXH Tp. Hà Nội"), District("07919", "BHXH Quận 7", "079")]));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("0001")]
    [InlineData("abc")]
    [InlineData("")]
    public void A_province_office_code_has_three_digits(string code) =>
        Assert.Throws<DomainRuleException>(() => Province(code, "BHXH Tỉnh X"));

    [Theory]
    [InlineData("07919", "001")]  // not under its own province
    [InlineData("0011", "001")]   // too short
    [InlineData("001066", "001")] // too long
    [InlineData("001a6", "001")]
    public void A_district_office_code_is_its_province_code_plus_two_digits(string code, string parent) =>
        Assert.Throws<DomainRuleException>(() => District(code, "BHXH Quận X", parent));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_office_has_a_name(string name) =>
        Assert.Throws<DomainRuleException>(() => Province("001", name));

    [Fact]
    public void Contact_details_are_trimmed_and_the_phone_kept_as_digits()
    {
        var office = District("00106", "  BHXH Quận Đống Đa ", "001");
        office.UpdateContact("  Phố Trần Hữu Tước, phường Nam Đồng ", "(024) 3874.7408");
        Assert.Equal("BHXH Quận Đống Đa", office.Name);
        Assert.Equal("Phố Trần Hữu Tước, phường Nam Đồng", office.Address);
        Assert.Equal("02438747408", office.Phone);
    }

    [Theory]
    [InlineData("19009068")]
    [InlineData("02438747408")]
    public void A_phone_of_eight_to_eleven_digits_is_accepted(string phone)
    {
        var office = Province("001", "BHXH Tp. Hà Nội");
        office.UpdateContact(null, phone);
        Assert.Equal(phone, office.Phone);
    }

    [Theory]
    [InlineData("1234567")]
    [InlineData("024387474081")]
    [InlineData("call 0243874")]
    [InlineData("024+38747408")]
    [InlineData("+84")]
    [InlineData("+1 555 0100")]
    public void A_phone_that_is_not_a_phone_number_is_refused(string phone) =>
        Assert.Throws<DomainRuleException>(() => Province("001", "BHXH Tp. Hà Nội").UpdateContact(null, phone));

    [Fact]
    public void A_phone_written_with_plus_84_is_kept_as_its_national_digits() =>
        Assert.Equal("02438747408", OfficeContact.Of(null, "+84 24 3874 7408").Phone);

    [Fact]
    public void Contacts_that_citizens_would_see_alike_are_equal()
    {
        Assert.Equal(OfficeContact.Of("Phố Trần Hữu Tước", "024 3874 7408"), OfficeContact.Of(" Phố Trần Hữu Tước ", "(024) 3874-7408"));
        Assert.NotEqual(OfficeContact.Of("Phố Trần Hữu Tước", null), OfficeContact.Of("Phố Trần Hữu Tước", "02438747408"));
    }

    [Fact]
    public void Contact_changed_by_admins_replaces_the_derived_one_and_marks_the_office_as_theirs()
    {
        var office = BhxhOffice.ForDistrict("00120", "BHXH Huyện Ba Vì", "001", OfficeSource.Derived);
        office.UpdateContact("Huyện Ba Vì", null);

        office.ChangeContact(OfficeContact.Of("Thị trấn Tây Đằng, huyện Ba Vì", "02433863284"));

        Assert.Equal(("Thị trấn Tây Đằng, huyện Ba Vì", "02433863284", OfficeSource.Staff), (office.Address, office.Phone, office.Source));
        Assert.Equal(OfficeContact.Of("Thị trấn Tây Đằng, huyện Ba Vì", "02433863284"), office.Contact);
    }

    [Fact]
    public void An_address_longer_than_the_limit_is_refused() =>
        Assert.Throws<DomainRuleException>(() => Province("001", "BHXH Tp. Hà Nội").UpdateContact(new string('a', BhxhOffice.MaxAddressLength + 1), null));

    [Theory]
    [InlineData("dong da")]
    [InlineData("Đống Đa")]
    [InlineData("ĐỐNG ĐA")]
    [InlineData("  quận   đống-đa ")]
    public void Search_ignores_diacritics_case_and_punctuation(string query)
    {
        var result = Sample().Search(query);
        var province = Assert.Single(result);
        Assert.Equal("001", province.Office.Code);
        Assert.Equal(["00106"], province.Children.Select(d => d.Office.Code));
    }

    [Fact]
    public void Search_by_a_province_name_keeps_all_its_districts()
    {
        var province = Assert.Single(Sample().Search("tp ho chi minh"));
        Assert.Equal("079", province.Office.Code);
        Assert.Equal(["07919"], province.Children.Select(d => d.Office.Code));
        Assert.Equal(3, Assert.Single(Sample().Search("ha noi")).Children.Count);
    }

    [Theory]
    [InlineData("00106", new[] { "00106" })]
    [InlineData("[00106]", new[] { "00106" })]
    [InlineData("0011", new[] { "00110" })]
    public void Search_by_digits_matches_codes_by_prefix(string query, string[] districts)
    {
        var province = Assert.Single(Sample().Search(query));
        Assert.Equal(districts, province.Children.Select(d => d.Office.Code));
    }

    [Fact]
    public void Search_matches_at_word_starts_only()
    {
        Assert.Empty(Sample().Search("ong da"));
        Assert.Empty(Sample().Search("xyzzy"));
        Assert.Empty(Sample().Search("%%%'\";--"));
    }

    [Fact]
    public void An_empty_query_gives_the_whole_tree()
    {
        var tree = Sample();
        Assert.Same(tree.Provinces, tree.Search("  "));
    }

    [Fact]
    public void Find_and_ProvinceOf_walk_the_tree()
    {
        var tree = Sample();
        var dongDa = tree.Find("00106")!;
        Assert.Equal("001", tree.ProvinceOf(dongDa)!.Code);
        Assert.Null(tree.Find("99999"));
        Assert.Null(tree.Find(null));
    }
}
