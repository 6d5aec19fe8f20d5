using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Offices;
using Portal.Infrastructure.Accounts;
using Portal.Infrastructure.Outbox;
using Portal.Infrastructure.Review;
using Portal.Infrastructure.Tests.Support;

namespace Portal.Infrastructure.Tests.Accounts;

[Collection(DatabaseCollection.Name)]
public sealed class StaffAccountAdministrationTests(PostgresServer postgres) : IDisposable
{
    private const string Password = "CanBo2026x";
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("portal-staff-").FullName;

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    private async Task<(TestDatabase Database, ServiceProvider Services)> SetUpAsync(string provider)
    {
        var database = await DeclarationPersistenceTests.MigratedWithOfficeAsync(provider, postgres);
        await using (var db = database.NewContext()) await AccountSeeder.SeedRolesAsync(db, TimeProvider.System);
        // SignInManager's checks need the authentication services the web host adds.
        return (database, InfrastructureServices.For(database, _dataDirectory, services => services.AddAuthentication()));
    }

    private static async Task<PortalUser> StaffAsync(ServiceProvider services, string? phone = "0912000002", string? email = "nam@example.vn")
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser("canbo.dongda", "Lê Văn Nam", phone, email, "00106", DateTimeOffset.UtcNow);
        user.PasswordChosenByOwner(DateTimeOffset.UtcNow);
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, PortalRoles.OfficeStaff)).Succeeded);
        return user;
    }

    private static async Task<T> InScopeAsync<T>(ServiceProvider services, Func<IServiceProvider, PortalUser, Task<T>> act)
    {
        await using var scope = services.CreateAsyncScope();
        var user = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByNameAsync("canbo.dongda"))!;
        return await act(scope.ServiceProvider, user);
    }

    private static Task<SignInResult> SignInAsync(ServiceProvider services, string password) =>
        InScopeAsync(services, (s, user) => s.GetRequiredService<SignInManager<PortalUser>>().CheckPasswordSignInAsync(user, password, lockoutOnFailure: false));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_disabled_account_cannot_sign_in_has_a_new_security_stamp_and_no_staff_scope_until_enabled(string provider)
    {
        var (database, services) = await SetUpAsync(provider);
        await using var _ = database;
        await using var __ = services;
        var stamp = (await StaffAsync(services)).SecurityStamp;

        await InScopeAsync(services, async (s, user) => { await s.GetRequiredService<StaffAccountAdministration>().DisableAsync(user); return 0; });

        var disabled = await InScopeAsync(services, (_, user) => Task.FromResult(user));
        Assert.NotNull(disabled.DisabledAt);
        Assert.NotEqual(stamp, disabled.SecurityStamp);
        Assert.True((await SignInAsync(services, Password)).IsNotAllowed);
        var tree = new OfficeTree([BhxhOffice.ForProvince("001", "BHXH Tp. Hà Nội", OfficeSource.Seed), BhxhOffice.ForDistrict("00106", "BHXH Quận Đống Đa", "001", OfficeSource.Seed)]);
        Assert.Null(StaffScope.Of(disabled, [PortalRoles.OfficeStaff], tree));

        await InScopeAsync(services, async (s, user) => { await s.GetRequiredService<StaffAccountAdministration>().EnableAsync(user); return 0; });

        Assert.True((await SignInAsync(services, Password)).Succeeded);
        Assert.Null((await InScopeAsync(services, (_, user) => Task.FromResult(user))).DisabledAt);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_new_password_is_queued_by_sms_and_email_must_be_changed_and_ends_the_old_one_and_the_lockout(string provider)
    {
        var (database, services) = await SetUpAsync(provider);
        await using var _ = database;
        await using var __ = services;
        var stamp = (await StaffAsync(services)).SecurityStamp;
        await InScopeAsync(services, (s, user) => s.GetRequiredService<UserManager<PortalUser>>().SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddMinutes(15)));

        var queued = await InScopeAsync(services, (s, user) => s.GetRequiredService<StaffAccountAdministration>().IssueNewPasswordAsync(user));

        await using var db = database.NewContext();
        var messages = (await db.OutboxMessages.AsNoTracking().ToListAsync()).OrderBy(m => m.Channel).ToList();
        Assert.Equal(queued.Select(m => m.Id).Order(), messages.Select(m => m.Id).Order());
        Assert.Equal([(OutboxChannel.Sms, "0912000002"), (OutboxChannel.Email, "nam@example.vn")], messages.Select(m => (m.Channel, m.Recipient)));
        Assert.All(messages, m => Assert.True(m.HoldsSecret));
        var password = messages[0].Body.Split("Mat khau moi: ")[1][..FirstPassword.Length];
        Assert.Contains($"Mật khẩu mới: {password}", messages[1].Body);
        var stored = await db.Users.AsNoTracking().SingleAsync();
        Assert.True(stored.MustChangePassword);
        Assert.Null(stored.LockoutEnd);
        Assert.NotEqual(stamp, stored.SecurityStamp);
        Assert.True((await SignInAsync(services, password)).Succeeded);
        Assert.False((await SignInAsync(services, Password)).Succeeded);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_account_without_phone_or_email_gets_no_new_password_and_keeps_its_own(string provider)
    {
        var (database, services) = await SetUpAsync(provider);
        await using var _ = database;
        await using var __ = services;
        await StaffAsync(services, phone: null, email: null);

        await Assert.ThrowsAsync<AccountRefusedException>(() =>
            InScopeAsync(services, (s, user) => s.GetRequiredService<StaffAccountAdministration>().IssueNewPasswordAsync(user)));

        await using var db = database.NewContext();
        Assert.Empty(db.OutboxMessages);
        Assert.True((await SignInAsync(services, Password)).Succeeded);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Office_staff_may_work_at_a_province_office_but_province_staff_not_at_a_district_office(string provider)
    {
        var (database, services) = await SetUpAsync(provider);
        await using var _ = database;
        await using var __ = services;
        await using var scope = services.CreateAsyncScope();
        var creator = scope.ServiceProvider.GetRequiredService<AccountCreator>();

        var counter = await creator.CreateAsync(new NewAccount(PortalRoles.OfficeStaff, "canbo.tinh", "Đỗ Thị Lan", "0912000003", null, "001"));
        await Assert.ThrowsAsync<AccountRefusedException>(() =>
            creator.CreateAsync(new NewAccount(PortalRoles.ProvinceStaff, "canbo.quan", "Vũ Văn Hùng", "0912000004", null, "00106")));

        Assert.Equal("001", counter.OfficeCode);
    }
}
