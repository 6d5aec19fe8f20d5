using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Accounts;

public static class AccountsSetup
{
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);
    public const int MaxFailedLogins = 5;

    /// <summary>Identity's user and role stores on the portal's database, its password hashing and lockout; the web host adds the cookies.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddIdentityCore<PortalUser>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = MaxFailedLogins;
                o.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                // "Confirmed" means not disabled by an admin (ActiveAccountConfirmation).
                o.SignIn.RequireConfirmedAccount = true;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>()
            .AddDefaultTokenProviders()
            .AddUserConfirmation<ActiveAccountConfirmation>();
        services.AddScoped<AccountCreator>();
        services.AddScoped<StaffAccountAdministration>();
        services.AddScoped<AccountSeeder>();
        services.AddScoped<OtpService>();
        services.AddScoped<PasswordChange>();
        services.AddScoped<PasswordReset>();
        services.AddSingleton<Security.StepTickets>();
        return services;
    }
}
