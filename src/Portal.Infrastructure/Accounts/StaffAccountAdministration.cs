using Microsoft.AspNetCore.Identity;
using Portal.Infrastructure.Outbox;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Accounts;

/// <summary>
/// What admins do to an existing account: disable and enable it, and issue a new password that goes to its owner
/// by SMS and email through the outbox, never to the admin.
/// </summary>
public sealed class StaffAccountAdministration(UserManager<PortalUser> users, PortalDbContext db, TimeProvider clock, OutboxTrigger outbox)
{
    /// <summary>
    /// The account can no longer sign in, and a new security stamp ends its sessions at their next check
    /// (<c>SecurityStampValidatorOptions.ValidationInterval</c>).
    /// </summary>
    public async Task DisableAsync(PortalUser user)
    {
        user.Disable(clock.GetUtcNow());
        Check(await users.UpdateSecurityStampAsync(user));
    }

    public async Task EnableAsync(PortalUser user)
    {
        user.Enable();
        Check(await users.UpdateAsync(user));
    }

    /// <summary>
    /// A new random password, to be changed at the next sign-in, queued by SMS and email in the same transaction; earlier
    /// sessions end and a lockout after failed logins is lifted (an admin resets a password for someone who could not sign in).
    /// Returns the messages queued, whose text holds the password.
    /// </summary>
    public async Task<IReadOnlyList<OutboxMessage>> IssueNewPasswordAsync(PortalUser user, CancellationToken cancellationToken = default)
    {
        if (user.PhoneNumber is null && user.Email is null)
            throw new AccountRefusedException("The new password goes by SMS or email: the account has neither a phone nor an email.");
        var now = clock.GetUtcNow();
        var password = FirstPassword.Generate();
        var messages = AccountMessages.NewPassword(user, password, now).ToList();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            Check(await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password));
            user.PasswordIssued(now);
            user.AccessFailedCount = 0;
            user.LockoutEnd = null;
            db.OutboxMessages.AddRange(messages);
            // The user store saves the context: the account and its messages in one SaveChanges.
            Check(await users.UpdateAsync(user));
            await transaction.CommitAsync(cancellationToken);
        }
        outbox.MessagesQueued();
        return messages;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException("Account change not stored: " + string.Join(" ", result.Errors.Select(e => e.Code)));
    }
}
