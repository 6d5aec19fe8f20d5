using Microsoft.AspNetCore.Identity;
using Portal.Infrastructure.Security;

namespace Portal.Infrastructure.Accounts;

public enum PasswordChangeOutcome
{
    Changed,
    WrongCode,
    /// <summary>The OTP is expired, used up by wrong attempts, or replaced: a new one is needed.</summary>
    CodeSpent,
    /// <summary>The pending change is missing, altered, someone else's, older than <see cref="PasswordChange.PendingLifetime"/>, or the password changed meanwhile.</summary>
    PendingExpired,
}

/// <summary>
/// Đổi mật khẩu confirmed by an OTP sent to the account's phone (the seeds: "hệ thống sẽ gửi đến số điện thoại …
/// mã OTP để xác thực việc đổi mật khẩu"). The first step, once the page has checked the current password and
/// the new one, keeps the new password's Identity hash (never the password) in a ticket the form carries to
/// the second step; the second step stores that hash only if the OTP is right.
/// </summary>
public sealed class PasswordChange(UserManager<PortalUser> users, IUserStore<PortalUser> store, OtpService otp, StepTickets tickets, TimeProvider clock)
{
    public static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(15);
    private const string TicketPurpose = "PasswordChange";

    /// <summary>Sends the OTP; returns the ticket of the pending change for the form.</summary>
    public async Task<(OtpIssue Issue, string Pending)> StartAsync(PortalUser user, string newPassword, CancellationToken cancellationToken = default)
    {
        var pending = Ticket(user, users.PasswordHasher.HashPassword(user, newPassword));
        return (await otp.IssueAsync(user, OtpPurpose.ChangePassword, cancellationToken), pending);
    }

    /// <summary>"Gửi lại mã OTP": a new code for the same pending change, whose ticket starts over; null if it has expired.</summary>
    public async Task<(OtpIssue Issue, string Pending)?> ResendAsync(PortalUser user, string? pending, CancellationToken cancellationToken = default)
    {
        if (PendingHash(user, pending) is not { } hash) return null;
        return (await otp.IssueAsync(user, OtpPurpose.ChangePassword, cancellationToken), Ticket(user, hash));
    }

    public async Task<PasswordChangeOutcome> CompleteAsync(PortalUser user, string? pending, string code, CancellationToken cancellationToken = default)
    {
        if (PendingHash(user, pending) is not { } hash) return PasswordChangeOutcome.PendingExpired;
        switch (await otp.VerifyAsync(user.Id, OtpPurpose.ChangePassword, code, cancellationToken))
        {
            case OtpCheck.Wrong: return PasswordChangeOutcome.WrongCode;
            case OtpCheck.Spent: return PasswordChangeOutcome.CodeSpent;
        }
        // What UserManager.ChangePasswordAsync does once it has checked the old password and the new one's rules:
        // store the hash and a new security stamp (other sessions and the ticket stop being valid).
        await ((IUserPasswordStore<PortalUser>)store).SetPasswordHashAsync(user, hash, cancellationToken);
        user.PasswordChosenByOwner(clock.GetUtcNow());
        var updated = await users.UpdateSecurityStampAsync(user);
        if (!updated.Succeeded) throw new InvalidOperationException("Password change not stored: " + string.Join(" ", updated.Errors.Select(e => e.Code)));
        return PasswordChangeOutcome.Changed;
    }

    // Bound to the account and its security stamp: a ticket of another account, or from before a password change, is void.
    private string Ticket(PortalUser user, string hash) => tickets.Protect(TicketPurpose, $"{user.Id:N}\n{user.SecurityStamp}\n{hash}", PendingLifetime);

    private string? PendingHash(PortalUser user, string? pending) =>
        tickets.Unprotect(TicketPurpose, pending)?.Split('\n') is [var id, var stamp, var hash] && id == user.Id.ToString("N") && stamp == user.SecurityStamp
            ? hash
            : null;
}
