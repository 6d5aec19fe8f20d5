using Microsoft.AspNetCore.Identity;

namespace Portal.Infrastructure.Accounts;

/// <summary>
/// Quên mật khẩu: an OTP to the account's phone, then a new password through Identity's reset token. Whether an
/// account has the user name shows neither in the answers nor in the work done: an unknown name gets the stand-in
/// challenge of <see cref="OtpService.IssueForUnknownAsync"/>, whose checks fail like a wrong code's.
/// </summary>
public sealed class PasswordReset(UserManager<PortalUser> users, OtpService otp, TimeProvider clock)
{
    public async Task RequestAsync(string userName, CancellationToken cancellationToken = default)
    {
        if (await users.FindByNameAsync(userName) is { } user) await otp.IssueAsync(user, OtpPurpose.ResetPassword, cancellationToken);
        else await otp.IssueForUnknownAsync(userName, OtpPurpose.ResetPassword, cancellationToken);
    }

    /// <summary>
    /// Sets <paramref name="newPassword"/> (whose rules the caller has checked) if <paramref name="code"/> is the live
    /// reset OTP of the account; false for a wrong, spent or never-sent code and for no account alike. The password is
    /// then the owner's choice (no forced change), and the lockout of earlier failed logins is lifted.
    /// </summary>
    public async Task<bool> ResetAsync(string userName, string code, string newPassword, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByNameAsync(userName);
        var check = user is null
            ? await otp.VerifyForUnknownAsync(userName, OtpPurpose.ResetPassword, code, cancellationToken)
            : await otp.VerifyAsync(user.Id, OtpPurpose.ResetPassword, code, cancellationToken);
        if (user is null || check != OtpCheck.Accepted) return false;
        var token = await users.GeneratePasswordResetTokenAsync(user);
        Check(await users.ResetPasswordAsync(user, token, newPassword));
        user.PasswordChosenByOwner(clock.GetUtcNow());
        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
        Check(await users.UpdateAsync(user));
        return true;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException("Password reset not stored: " + string.Join(" ", result.Errors.Select(e => e.Code)));
    }
}
