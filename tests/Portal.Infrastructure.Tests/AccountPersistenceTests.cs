using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Infrastructure.Accounts;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Tests.Support;

namespace Portal.Infrastructure.Tests;

[Collection(DatabaseCollection.Name)]
public sealed class AccountPersistenceTests(PostgresServer postgres)
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_account_with_its_role_office_and_lockout_round_trips_through_identity(string provider)
    {
        await using var database = await DeclarationPersistenceTests.MigratedWithOfficeAsync(provider, postgres);
        await using (var db = database.NewContext()) await AccountSeeder.SeedRolesAsync(db, TimeProvider.System);
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System).AddDataProtection().Services
            .AddDbContext<PortalDbContext>(o => DependencyInjection.ConfigureDbContext(o, database.Options));
        services.AddAccounts();
        await using var serviceProvider = services.BuildServiceProvider();
        await using var scope = serviceProvider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var lockoutEnd = new DateTimeOffset(2026, 12, 2, 8, 15, 0, TimeSpan.Zero);

        var user = new PortalUser("canbo.dongda", "Lê Văn Nam", "0912000002", "nam@example.vn", "00106", DateTimeOffset.UtcNow);
        Assert.True((await users.CreateAsync(user, "CanBo2026x")).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, PortalRoles.OfficeStaff)).Succeeded);
        await users.SetLockoutEndDateAsync(user, lockoutEnd);

        await using var db2 = database.NewContext();
        var stored = await db2.Users.AsNoTracking().SingleAsync();
        Assert.Equal(("Lê Văn Nam", "00106", true, lockoutEnd), (stored.FullName, stored.OfficeCode, stored.MustChangePassword, stored.LockoutEnd!.Value));
        Assert.Equal(4, await db2.Roles.CountAsync());
        var found = await users.FindByNameAsync("CANBO.DONGDA");
        Assert.NotNull(found);
        Assert.Equal([PortalRoles.OfficeStaff], await users.GetRolesAsync(found));
        Assert.True(await users.CheckPasswordAsync(found, "CanBo2026x"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_disabled_account_round_trips(string provider)
    {
        await using var database = await DeclarationPersistenceTests.MigratedWithOfficeAsync(provider, postgres);
        var disabledAt = new DateTimeOffset(2026, 12, 4, 9, 30, 0, TimeSpan.Zero);
        var user = new PortalUser("canbo.dongda", "Lê Văn Nam", "0912000002", null, "00106", DateTimeOffset.UtcNow);
        user.Disable(disabledAt);
        await using (var db = database.NewContext())
        {
            db.Users.Add(user);
            await db.SaveChangesAsync();
        }
        await using (var db = database.NewContext())
            Assert.Equal(disabledAt, (await db.Users.AsNoTracking().SingleAsync()).DisabledAt);
    }
}
