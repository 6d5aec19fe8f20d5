using Microsoft.EntityFrameworkCore;
using Portal.Domain.AdministrativeUnits;
using Portal.Domain.Offices;
using Portal.Infrastructure.ReferenceData;
using Portal.Infrastructure.Tests.Support;

namespace Portal.Infrastructure.Tests;

[Collection(DatabaseCollection.Name)]
public sealed class ReferenceDataSeederTests(PostgresServer postgres)
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Seeding_loads_the_exact_counts_of_both_schemes_and_every_office(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, postgres);
        await database.MigrateAsync();
        await using var db = database.NewContext();

        var report = await new ReferenceDataSeeder().SeedAsync(db);

        Assert.Equal(2, report.SchemesAdded);
        var gso = await LoadTreeAsync(db, AdministrativeScheme.Gso3Tier);
        Assert.Equal((63, 705, 10_599), (gso.CountAtLevel(1), gso.CountAtLevel(2), gso.CountAtLevel(3)));
        var nq202 = await LoadTreeAsync(db, AdministrativeScheme.Resolution202Of2025);
        Assert.Equal(34, nq202.CountAtLevel(1));
        Assert.Equal(nq202.Count - 34, nq202.CountAtLevel(2));
        Assert.Equal(gso.Count + nq202.Count, report.UnitsAdded);

        var offices = new OfficeTree(await db.BhxhOffices.ToListAsync());
        Assert.Equal(63, offices.Provinces.Count);
        Assert.Equal(offices.Count, report.OfficesAdded);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Seeding_twice_changes_nothing_and_keeps_staff_edits(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, postgres);
        await database.MigrateAsync();
        await using (var db = database.NewContext())
            await new ReferenceDataSeeder().SeedAsync(db);
        var before = await CountsAsync(database);
        await using (var db = database.NewContext())
        {
            var office = await db.BhxhOffices.SingleAsync(o => o.Code == "00101");
            office.UpdateContact("Số 1 phố Thử Nghiệm, phường Ngọc Hà", "0243 000 0001");
            await db.SaveChangesAsync();
        }

        SeedReport second;
        await using (var db = database.NewContext())
            second = await new ReferenceDataSeeder().SeedAsync(db);

        Assert.False(second.ChangedAnything);
        Assert.Equal(before, await CountsAsync(database));
        await using (var db = database.NewContext())
        {
            var office = await db.BhxhOffices.SingleAsync(o => o.Code == "00101");
            Assert.Equal(("Số 1 phố Thử Nghiệm, phường Ngọc Hà", "02430000001"), (office.Address, office.Phone));
        }
    }

    [Fact]
    public async Task The_offices_named_in_the_seeds_appear_exactly()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite", postgres);
        await database.MigrateAsync();
        await using var db = database.NewContext();
        await new ReferenceDataSeeder().SeedAsync(db);
        var tree = new OfficeTree(await db.BhxhOffices.ToListAsync());

        string[] hanoi =
        [
            "[00101] BHXH Quận Ba Đình", "[00102] BHXH Quận Hoàn Kiếm", "[00103] BHXH Quận Tây Hồ", "[00104] BHXH Quận Long Biên",
            "[00105] BHXH Quận Cầu Giấy", "[00106] BHXH Quận Đống Đa", "[00107] BHXH Quận Hai Bà Trưng", "[00108] BHXH Quận Hoàng Mai",
            "[00109] BHXH Quận Thanh Xuân", "[00110] BHXH Huyện Sóc Sơn", "[00111] BHXH Huyện Đông Anh", "[00112] BHXH Huyện Gia Lâm",
            "[00113] BHXH Quận Từ Liêm", "[00114] BHXH Huyện Thanh Trì", "[00115] BHXH Quận Hà Đông",
        ];
        var hanoiNode = tree.Provinces.Single(p => p.Office.Code == "001");
        Assert.Equal("BHXH Tp. Hà Nội", hanoiNode.Office.Name);
        var seeded = hanoiNode.Children.Where(d => d.Office.Source == OfficeSource.Seed).Select(d => $"[{d.Office.Code}] {d.Office.Name}");
        Assert.Equal(hanoi, seeded);

        var dongDa = tree.Find("00106")!;
        Assert.Equal(("Phố Trần Hữu Tước, phường Nam Đồng", "02438747408"), (dongDa.Address, dongDa.Phone));

        var hcm = tree.Provinces.Single(p => p.Office.Code == "079");
        Assert.Equal("BHXH Tp.Hồ Chí Minh", hcm.Office.Name);
        Assert.Contains(hcm.Children, d => d.Office.Code == "07919" && d.Office.Name == "BHXH Quận 7");

        // Every GSO district is served by exactly one office.
        var gso = await LoadTreeAsync(db, AdministrativeScheme.Gso3Tier);
        var served = tree.Provinces.SelectMany(p => p.Children).Select(d => d.Office.AdministrativeUnitCode).OfType<string>().ToList();
        Assert.Equal(served.Count, served.Distinct().Count());
        Assert.Equal(705, served.Count(code => gso.Find(code) is { } unit && gso.LevelOf(unit.Code) == 2));
    }

    private static async Task<AdministrativeTree> LoadTreeAsync(Persistence.PortalDbContext db, string schemeCode) =>
        new(await db.AdministrativeSchemes.SingleAsync(s => s.Code == schemeCode),
            await db.AdministrativeUnits.Where(u => u.SchemeCode == schemeCode).ToListAsync());

    private static async Task<(int Schemes, int Units, int Offices)> CountsAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return (await db.AdministrativeSchemes.CountAsync(), await db.AdministrativeUnits.CountAsync(), await db.BhxhOffices.CountAsync());
    }
}
