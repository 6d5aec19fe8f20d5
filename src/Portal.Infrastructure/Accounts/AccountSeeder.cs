using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Accounts;

/// <summary>The roles every database has, and the demo accounts of a Development machine (README lists them).</summary>
public sealed class AccountSeeder(UserManager<PortalUser> users, TimeProvider clock)
{
    public sealed record DemoAccount(string Role, string UserName, string Password, string FullName, string Phone, string? Email, string? OfficeCode,
        string? IdentityNumber = null);

    /// <summary>Known passwords, for Development only: the host seeds them nowhere else.</summary>
    public static readonly IReadOnlyList<DemoAccount> DemoAccounts =
    [
        new(PortalRoles.Citizen, "0123456780", "PhuHuynh2026", "Trần Thị Mai", "0912000001", "me.mai@example.vn", null, "001185012345"),
        new(PortalRoles.OfficeStaff, "canbo.dongda", "CanBoDongDa2026", "Lê Văn Nam", "0912000002", "nam.dongda@example.vn", "00106"),
        new(PortalRoles.ProvinceStaff, "canbo.hanoi", "CanBoHaNoi2026", "Phạm Thu Hà", "0912000003", "ha.hanoi@example.vn", "001"),
        new(PortalRoles.Admin, "quantri", "QuanTri2026", "Quản trị hệ thống", "0912000004", null, null),
    ];

    public static async Task SeedRolesAsync(PortalDbContext db, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        var existing = await db.Roles.Select(r => r.Name).ToListAsync(cancellationToken);
        foreach (var role in PortalRoles.All.Except(existing.OfType<string>()))
            db.Roles.Add(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7(clock.GetUtcNow()), NormalizedName = role.ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString("N") });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task SeedDemoAccountsAsync()
    {
        foreach (var demo in DemoAccounts)
        {
            if (await users.FindByNameAsync(demo.UserName) is not null) continue;
            var user = new PortalUser(demo.UserName, demo.FullName, demo.Phone, demo.Email, demo.OfficeCode, clock.GetUtcNow()) { IdentityNumber = demo.IdentityNumber };
            // A demo password is known to everyone who reads the README, not issued to one person.
            user.PasswordChosenByOwner(clock.GetUtcNow());
            var created = await users.CreateAsync(user, demo.Password);
            if (!created.Succeeded) throw new InvalidOperationException($"Demo account {demo.UserName}: {string.Join(" ", created.Errors.Select(e => e.Code))}");
            await users.AddToRoleAsync(user, demo.Role);
        }
    }
}
