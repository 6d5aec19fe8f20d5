using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Outbox;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Accounts;

public sealed record NewAccount(string Role, string UserName, string FullName, string? Phone, string? Email, string? OfficeCode,
    string? IdentityNumber = null);

/// <summary>Refused account data: the message says which value and why, in English for operators' tools.</summary>
public sealed class AccountRefusedException(string message) : Exception(message);

/// <summary>
/// Makes an account with a random first password and sends it to its owner by SMS (and email where
/// there is an address) through the outbox, in the same transaction: the password is never shown to
/// whoever creates the account.
/// </summary>
public sealed class AccountCreator(UserManager<PortalUser> users, PortalDbContext db, TimeProvider clock, OutboxTrigger outbox)
{
    public async Task<PortalUser> CreateAsync(NewAccount account, CancellationToken cancellationToken = default)
    {
        if (!PortalRoles.All.Contains(account.Role)) throw new AccountRefusedException($"Unknown role '{account.Role}'; one of {string.Join(", ", PortalRoles.All)}.");
        if (PortalRoles.IsStaff(account.Role) != account.OfficeCode is not null)
            throw new AccountRefusedException(PortalRoles.IsStaff(account.Role) ? "Staff belong to an office: give its code." : "Only staff belong to an office.");
        if (account.OfficeCode is { } code)
        {
            var office = await db.BhxhOffices.AsNoTracking().SingleOrDefaultAsync(o => o.Code == code, cancellationToken)
                ?? throw new AccountRefusedException($"No office {code}.");
            // Office staff work at one counter, a district's or the province office's own.
            if (account.Role == PortalRoles.ProvinceStaff && !office.IsProvinceOffice)
                throw new AccountRefusedException("Province staff belong to a province office.");
        }
        if (account.Phone is null && account.Email is null) throw new AccountRefusedException("The first password goes by SMS or email: give a phone or an email.");

        var now = clock.GetUtcNow();
        var user = new PortalUser(account.UserName, account.FullName, account.Phone, account.Email, account.OfficeCode, now) { IdentityNumber = account.IdentityNumber };
        var password = FirstPassword.Generate();
        // Inside a caller's transaction (staff accepting a declaration) the account commits with it.
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            Check(await users.CreateAsync(user, password));
            Check(await users.AddToRoleAsync(user, account.Role));
            foreach (var message in AccountMessages.FirstPassword(user, password, now)) db.OutboxMessages.Add(message);
            await db.SaveChangesAsync(cancellationToken);
            if (own is not null) await own.CommitAsync(cancellationToken);
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
        if (own is not null) outbox.MessagesQueued();
        return user;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new AccountRefusedException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
