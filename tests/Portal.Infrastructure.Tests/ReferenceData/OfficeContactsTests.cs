using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain;
using Portal.Domain.Offices;
using Portal.Infrastructure.ReferenceData;
using Portal.Infrastructure.Tests.Support;

namespace Portal.Infrastructure.Tests.ReferenceData;

[Collection(DatabaseCollection.Name)]
public sealed class OfficeContactsTests(PostgresServer postgres) : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("portal-offices-").FullName;

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    private async Task<(TestDatabase Database, ServiceProvider Services)> SetUpAsync(string provider)
    {
        var database = await DeclarationPersistenceTests.MigratedWithOfficeAsync(provider, postgres);
        await using (var db = database.NewContext())
        {
            var baDinh = BhxhOffice.ForDistrict("00101", "BHXH Quận Ba Đình", "001", OfficeSource.Derived);
            baDinh.UpdateContact("Quận Ba Đình", null);
            db.BhxhOffices.Add(baDinh);
            await db.SaveChangesAsync();
        }
        return (database, InfrastructureServices.For(database, _dataDirectory));
    }

    private static async Task ApplyAsync(ServiceProvider services, params OfficeContactChange[] changes)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OfficeContacts>().ApplyAsync(changes);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Changes_are_stored_as_the_admins_and_the_cached_tree_shows_them_at_once(string provider)
    {
        var (database, services) = await SetUpAsync(provider);
        await using var _ = database;
        await using var __ = services;
        var directory = services.GetRequiredService<OfficeDirectory>();
        Assert.Equal("Quận Ba Đình", (await directory.GetTreeAsync()).Find("00101")!.Address);

        await ApplyAsync(services,
            new OfficeContactChange("00101", OfficeContact.Of("Số 4 phố Đội Cấn, phường Đội Cấn", "024 3823 4567")),
            new OfficeContactChange("00106", OfficeContact.Of("Phố Trần Hữu Tước, phường Nam Đồng", null)));

        await using var db = database.NewContext();
        var stored = await db.BhxhOffices.AsNoTracking().Where(o => o.Code != "001").OrderBy(o => o.Code).ToListAsync();
        Assert.Equal([("00101", "Số 4 phố Đội Cấn, phường Đội Cấn", "02438234567", OfficeSource.Staff), ("00106", "Phố Trần Hữu Tước, phường Nam Đồng", null, OfficeSource.Staff)],
            stored.Select(o => (o.Code, o.Address, o.Phone, o.Source)));
        Assert.Equal("02438234567", (await directory.GetTreeAsync()).Find("00101")!.Phone);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_batch_with_an_unknown_code_changes_nothing(string provider)
    {
        var (database, services) = await SetUpAsync(provider);
        await using var _ = database;
        await using var __ = services;

        await Assert.ThrowsAsync<DomainRuleException>(() => ApplyAsync(services,
            new OfficeContactChange("00101", OfficeContact.Of("Số 4 phố Đội Cấn", "02438234567")),
            new OfficeContactChange("00199", OfficeContact.Of("Không có", null))));

        await using var db = database.NewContext();
        var baDinh = await db.BhxhOffices.AsNoTracking().SingleAsync(o => o.Code == "00101");
        Assert.Equal(("Quận Ba Đình", null, OfficeSource.Derived), (baDinh.Address, baDinh.Phone, baDinh.Source));
    }
}
