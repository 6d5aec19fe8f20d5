using Microsoft.AspNetCore.Identity;

namespace Portal.Infrastructure.Accounts;

/// <summary>Identity asks this before every sign-in (<c>SignIn.RequireConfirmedAccount</c>): a disabled account may not sign in.</summary>
public sealed class ActiveAccountConfirmation : IUserConfirmation<PortalUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<PortalUser> manager, PortalUser user) => Task.FromResult(!user.IsDisabled);
}
