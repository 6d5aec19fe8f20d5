using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Portal.Infrastructure.Accounts;

/// <summary>The login cookie carries the owner's name and whether the password must be changed before anything else.</summary>
public sealed class PortalClaimsPrincipalFactory(UserManager<PortalUser> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options, TimeProvider clock)
    : UserClaimsPrincipalFactory<PortalUser, IdentityRole<Guid>>(users, roles, options)
{
    public const string FullNameClaim = "portal:full_name";
    public const string MustChangePasswordClaim = "portal:must_change_password";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(FullNameClaim, user.FullName));
        if (user.NeedsNewPassword(clock.GetUtcNow())) identity.AddClaim(new Claim(MustChangePasswordClaim, "true"));
        return identity;
    }
}
