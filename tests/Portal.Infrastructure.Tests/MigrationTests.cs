using Microsoft.EntityFrameworkCore;
using Portal.Domain.AdministrativeUnits;
using Portal.Domain.Offices;
using Portal.Infrastructure.Tests.Support;

namespace Portal.Infrastructure.Tests;

[Collection(DatabaseCollection.Name)]
public sealed class MigrationTests(PostgresServer postgres)
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrations_apply_to_an_empty_database_and_leave_nothing_pending(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, postgres);
        await database.MigrateAsync();

        await using var db = database.NewContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var applied = await db.Database.GetAppliedMigrationsAsync();
        Assert.EndsWith("_Baseline", applied.First());
        Assert.Equal(db.Database.GetMigrations(), applied);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_model_has_no_change_that_a_migration_does_not_cover(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, postgres);
        await using var db = database.NewContext();
        // Fails after a change to an entity or a configuration until both providers' migrations are added (README, "Database migrations").
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changes that no {provider} migration covers: add one with `dotnet ef migrations add` (README, \"Database migrations\").");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_entity_round_trips_through_the_migrated_schema(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, postgres);
        await database.MigrateAsync();

        var scheme = new AdministrativeScheme("test-scheme", "Danh mục thử nghiệm", 3);
        var province = new AdministrativeUnit(scheme.Code, "01", "Thành phố Hà Nội", "Thành phố", null);
        var district = new AdministrativeUnit(scheme.Code, "009", "Quận Thanh Xuân", "Quận", "01");
        var ward = new AdministrativeUnit(scheme.Code, "00343", "Phường Nhân Chính", "Phường", "009");
        var provinceOffice = BhxhOffice.ForProvince("099", "BHXH Tỉnh Thử Nghiệm", OfficeSource.Derived, "99");
        var districtOffice = BhxhOffice.ForDistrict("09901", "BHXH Quận Đống Đa Thử", "099", OfficeSource.Seed, "006");
        districtOffice.UpdateContact("Phố Trần Hữu Tước, phường Nam Đồng", "024 3874 7408");

        await using (var db = database.NewContext())
        {
            db.AdministrativeSchemes.Add(scheme);
            db.AdministrativeUnits.Add(province);
            await db.SaveChangesAsync();
            db.AdministrativeUnits.Add(district);
            await db.SaveChangesAsync();
            db.AdministrativeUnits.Add(ward);
            db.BhxhOffices.Add(provinceOffice);
            await db.SaveChangesAsync();
            db.BhxhOffices.Add(districtOffice);
            await db.SaveChangesAsync();
        }

        await using (var db = database.NewContext())
        {
            var storedScheme = await db.AdministrativeSchemes.SingleAsync(s => s.Code == "test-scheme");
            Assert.Equal(("Danh mục thử nghiệm", 3), (storedScheme.Name, storedScheme.Depth));

            var storedWard = await db.AdministrativeUnits.SingleAsync(u => u.SchemeCode == "test-scheme" && u.Code == "00343");
            Assert.Equal(("Phường Nhân Chính", "Phường", "009"), (storedWard.Name, storedWard.Kind, storedWard.ParentCode));
            var storedProvince = await db.AdministrativeUnits.SingleAsync(u => u.SchemeCode == "test-scheme" && u.Code == "01");
            Assert.Null(storedProvince.ParentCode);

            var storedOffice = await db.BhxhOffices.SingleAsync(o => o.Code == "09901");
            Assert.Equal("BHXH Quận Đống Đa Thử", storedOffice.Name);
            Assert.Equal("099", storedOffice.ParentCode);
            Assert.Equal("Phố Trần Hữu Tước, phường Nam Đồng", storedOffice.Address);
            Assert.Equal("02438747408", storedOffice.Phone);
            Assert.Equal(OfficeSource.Seed, storedOffice.Source);
            Assert.Equal("006", storedOffice.AdministrativeUnitCode);
            var storedProvinceOffice = await db.BhxhOffices.SingleAsync(o => o.Code == "099");
            Assert.True(storedProvinceOffice.IsProvinceOffice);
            Assert.Equal(OfficeSource.Derived, storedProvinceOffice.Source);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Enums_are_stored_as_their_names(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, postgres);
        await database.MigrateAsync();
        await using var db = database.NewContext();
        db.BhxhOffices.Add(BhxhOffice.ForProvince("098", "BHXH Tỉnh Thử", OfficeSource.Derived));
        await db.SaveChangesAsync();

        var stored = await db.Database.SqlQueryRaw<string>("SELECT \"Source\" AS \"Value\" FROM \"BhxhOffices\" WHERE \"Code\" = '098'").SingleAsync();
        Assert.Equal("Derived", stored);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_schema_refuses_a_district_office_whose_province_office_is_missing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, postgres);
        await database.MigrateAsync();
        await using var db = database.NewContext();
        db.BhxhOffices.Add(BhxhOffice.ForDistrict("09701", "BHXH Quận Mồ Côi", "097", OfficeSource.Derived));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }
}
