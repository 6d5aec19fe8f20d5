using Microsoft.AspNetCore.Identity;

namespace Portal.Infrastructure.Accounts;

/// <summary>
/// An account of the portal. A citizen's user name is the mã số BHXH; staff have one given by the
/// operators and belong to an office. The first password is random and must be changed at the first
/// login; a password older than <see cref="PasswordMaxAge"/> must be changed too (the seeds: "thay đổi
/// mật khẩu ít nhất 06 (sáu) tháng một lần").
/// </summary>
public sealed class PortalUser : IdentityUser<Guid>
{
    public const int FullNameMaxLength = 200;
    public static readonly TimeSpan PasswordMaxAge = TimeSpan.FromDays(183);

    private PortalUser()
    {
        FullName = "";
    }

    public PortalUser(string userName, string fullName, string? phone, string? email, string? officeCode, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(userName)) throw new ArgumentException("An account has a user name.", nameof(userName));
        if (string.IsNullOrWhiteSpace(fullName) || fullName.Length > FullNameMaxLength) throw new ArgumentException("An account has a name.", nameof(fullName));
        Id = Guid.CreateVersion7(now);
        UserName = userName;
        FullName = fullName;
        PhoneNumber = phone;
        Email = email;
        OfficeCode = officeCode;
        CreatedAt = now;
        PasswordChangedAt = now;
        MustChangePassword = true;
        SecurityStamp = Guid.NewGuid().ToString("N");
    }

    public string FullName { get; private set; }
    /// <summary>Số CMND/HC/CC, from the declaration that made the account: a guardian's is printed on the children's forms.</summary>
    public string? IdentityNumber { get; init; }
    /// <summary>The office a staff member works for; none for citizens and admins.</summary>
    public string? OfficeCode { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset PasswordChangedAt { get; private set; }
    /// <summary>Set for a password someone else chose (the first one, a reset): its owner must replace it.</summary>
    public bool MustChangePassword { get; private set; }

    /// <summary>Set while an admin has disabled the account: it cannot sign in, and its sessions end.</summary>
    public DateTimeOffset? DisabledAt { get; private set; }

    public bool IsDisabled => DisabledAt is not null;

    public void Disable(DateTimeOffset now) => DisabledAt ??= now;

    public void Enable() => DisabledAt = null;

    public bool NeedsNewPassword(DateTimeOffset now) => MustChangePassword || now - PasswordChangedAt > PasswordMaxAge;

    /// <summary>The owner chose this password: no prompt until it ages.</summary>
    public void PasswordChosenByOwner(DateTimeOffset now)
    {
        MustChangePassword = false;
        PasswordChangedAt = now;
    }

    /// <summary>A password given to the owner (first password, reset): to be changed at the next login.</summary>
    public void PasswordIssued(DateTimeOffset now)
    {
        MustChangePassword = true;
        PasswordChangedAt = now;
    }
}
