using System.Security.Claims;
using Portal.Infrastructure.Accounts;
using Portal.Infrastructure.Drafts;

namespace Portal.Web.Features.ChildRegistration;

/// <summary>The guardian's side of "Đăng ký cho con": the signed-in account fills the guardian's part of the child's form.</summary>
public static class GuardianAccount
{
    public static bool IsSignedIn(ClaimsPrincipal user, Guid accountId) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id && Guid.TryParse(id, out var signedIn) && signedIn == accountId;

    public static void FillGuardian(DraftForm form, PortalUser guardian)
    {
        form.GuardianAccountId = guardian.Id;
        form.GuardianName = guardian.FullName;
        form.GuardianMaSoBhxh = guardian.UserName;
        form.GuardianIdentityNumber = guardian.IdentityNumber;
        form.MobilePhone = guardian.PhoneNumber;
        form.Email = guardian.Email;
        form.SendEmail = guardian.Email is not null;
    }
}
