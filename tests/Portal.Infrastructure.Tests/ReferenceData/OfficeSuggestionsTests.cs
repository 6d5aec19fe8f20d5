using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.AdministrativeUnits;
using Portal.Infrastructure.ReferenceData;
using Portal.Infrastructure.Tests.Support;

namespace Portal.Infrastructure.Tests.ReferenceData;

[Collection(DatabaseCollection.Name)]
public sealed class OfficeSuggestionsTests(PostgresServer postgres) : IAsyncLifetime
{
    private const string Gso = AdministrativeScheme.Gso3Tier;
    private const string TwoTier = AdministrativeScheme.Resolution202Of2025;

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("portal-suggestions-").FullName;
    private TestDatabase? _database;
    private ServiceProvider? _services;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("Sqlite", postgres);
        await _database.MigrateAsync();
        await using (var db = _database.NewContext())
            await new ReferenceDataSeeder().SeedAsync(db);
        _services = InfrastructureServices.For(_database, _dataDirectory);
    }

    public async Task DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private async Task<string?> SuggestAsync(string scheme, string province, string? district, string ward) =>
        (await _services!.GetRequiredService<OfficeSuggestions>()
            .SuggestAsync(new AddressCodes(scheme, province, district, ward)))?.Code;

    [Fact]
    public async Task Suggestions_follow_the_seeded_offices_and_ward_origins()
    {
        // 3-tier: the district's own office.
        Assert.Equal("00106", await SuggestAsync(Gso, "01", "006", "00229"));   // Phường Kim Liên, Quận Đống Đa
        Assert.Equal("07919", await SuggestAsync(Gso, "79", "778", "27466"));   // Phường Tân Thuận Đông, Quận 7
        // 2-tier: the office of the old district that gave the ward most of its old wards.
        Assert.Equal("00106", await SuggestAsync(TwoTier, "01", null, "00229")); // Phường Kim Liên, all from Đống Đa
        Assert.Equal("07919", await SuggestAsync(TwoTier, "79", null, "27487")); // Phường Tân Mỹ, from Quận 7
        // Vĩnh Phúc merged into Phú Thọ; a ward from Vĩnh Yên's wards still goes to Vĩnh Yên's office.
        Assert.Equal("02601", await SuggestAsync(TwoTier, "25", null, "08716"));
        // Đặc khu Côn Đảo (now in Hồ Chí Minh City) continues Huyện Côn Đảo of Bà Rịa - Vũng Tàu, which has its own office.
        Assert.Equal("07708", await SuggestAsync(TwoTier, "79", null, "26732"));
    }
}
