using Portal.Domain.AdministrativeUnits;

namespace Portal.Domain.Tests;

public sealed class AdministrativeTreeTests
{
    private static readonly AdministrativeScheme ThreeTier = new("gso", "3 cấp", 3);

    private static AdministrativeUnit Unit(string code, string name, string? parent, string scheme = "gso") =>
        new(scheme, code, name, name.Split(' ')[0], parent);

    private static AdministrativeTree Sample() => new(ThreeTier,
    [
        Unit("00343", "Phường Nhân Chính", "009"),
        Unit("01", "Thành phố Hà Nội", null),
        Unit("009", "Quận Thanh Xuân", "01"),
        Unit("006", "Quận Đống Đa", "01"),
        Unit("79", "Thành phố Hồ Chí Minh", null),
    ]);

    [Fact]
    public void Levels_and_children_follow_the_parent_codes()
    {
        var tree = Sample();
        Assert.Equal(["01", "79"], tree.Roots.Select(u => u.Code));
        Assert.Equal(["006", "009"], tree.ChildrenOf("01").Select(u => u.Code));
        Assert.Equal((1, 2, 3), (tree.LevelOf("01"), tree.LevelOf("009"), tree.LevelOf("00343")));
        Assert.Equal((2, 2, 1), (tree.CountAtLevel(1), tree.CountAtLevel(2), tree.CountAtLevel(3)));
        Assert.Equal("00343 - Phường Nhân Chính", tree.Find("00343")!.DisplayName);
    }

    [Fact]
    public void A_unit_whose_parent_is_missing_is_refused() =>
        Assert.Throws<DomainRuleException>(() => new AdministrativeTree(ThreeTier, [Unit("01", "Thành phố Hà Nội", null), Unit("00343", "Phường Nhân Chính", "009")]));

    [Fact]
    public void A_duplicate_code_is_refused() =>
        Assert.Throws<DomainRuleException>(() => new AdministrativeTree(ThreeTier, [Unit("01", "Thành phố Hà Nội", null), Unit("01", "Tỉnh Khác", null)]));

    [Fact]
    public void A_cycle_is_refused() =>
        Assert.Throws<DomainRuleException>(() => new AdministrativeTree(ThreeTier, [Unit("01", "Tỉnh A", "02"), Unit("02", "Tỉnh B", "01")]));

    [Fact]
    public void A_unit_deeper_than_the_scheme_is_refused() =>
        Assert.Throws<DomainRuleException>(() => new AdministrativeTree(new AdministrativeScheme("two", "2 cấp", 2),
            [Unit("01", "Tỉnh A", null, "two"), Unit("001", "Quận B", "01", "two"), Unit("00001", "Phường C", "001", "two")]));

    [Fact]
    public void A_unit_of_another_scheme_is_refused() =>
        Assert.Throws<DomainRuleException>(() => new AdministrativeTree(ThreeTier, [Unit("01", "Thành phố Hà Nội", null, "nq202-2025")]));

    [Theory]
    [InlineData("")]
    [InlineData("0a1")]
    [InlineData("12345678901")]
    public void A_unit_code_is_digits(string code) =>
        Assert.Throws<DomainRuleException>(() => Unit(code, "Phường X", null));

    [Fact]
    public void A_unit_cannot_be_its_own_parent() =>
        Assert.Throws<DomainRuleException>(() => Unit("01", "Tỉnh A", "01"));

    [Theory]
    [InlineData(new[] { "01", "009", "00343" }, true)]
    [InlineData(new[] { "01", "006", "00343" }, false)] // ward not in that district
    [InlineData(new[] { "79", "009", "00343" }, false)] // district not in that province
    [InlineData(new[] { "01", "009" }, false)]          // stops above the ward level
    [InlineData(new[] { "009", "00343" }, false)]       // does not start at a province
    [InlineData(new[] { "01", "009", "99999" }, false)]
    public void A_complete_chain_runs_from_a_province_to_a_leaf(string[] codes, bool complete) =>
        Assert.Equal(complete, Sample().IsCompleteChain(codes));
}
