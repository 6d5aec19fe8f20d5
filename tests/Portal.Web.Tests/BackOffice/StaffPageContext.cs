using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure;
using Portal.Infrastructure.Accounts;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.BackOffice;

/// <summary>
/// A back-office page rendered by bUnit with the portal's own infrastructure services on the database of a
/// <see cref="PortalApp"/> (migrated and seeded, where the test's accounts and declarations go), signed in as a
/// staff member whose claims come from the portal's claims factory, on an interactive server renderer.
/// </summary>
public sealed class StaffPageContext : IAsyncDisposable
{
    private readonly BunitAuthorizationContext _authorization;

    private StaffPageContext(PortalApp app)
    {
        App = app;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Portal:DataDirectory"] = app.DataDirectory,
            ["ConnectionStrings:Portal"] = "",
            ["Jobs:RunServer"] = "false",
        }).Build();
        Bunit.Services.AddLogging();
        Bunit.Services.AddInfrastructure(configuration, app.DataDirectory);
        _authorization = Bunit.AddAuthorization();
        Bunit.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public PortalApp App { get; }

    public BunitContext Bunit { get; } = new();

    /// <summary>The staff member the page is rendered for.</summary>
    public PortalUser? User { get; private set; }

    public NavigationManager Navigation => Bunit.Services.GetRequiredService<NavigationManager>();

    /// <summary>A started portal (its database migrated and seeded) and a bUnit context on it, nobody signed in yet.</summary>
    public static StaffPageContext Create()
    {
        var app = new PortalApp();
        _ = app.Services;
        return new StaffPageContext(app);
    }

    /// <summary>Makes a staff account in the store and signs the bUnit renderer in as it, with the claims the login cookie would carry.</summary>
    public async Task<PortalUser> SignInAsync(string role, string userName, string? officeCode)
    {
        var user = await TestAccounts.CreateAsync(App, role, userName, officeCode);
        await using var scope = App.Services.CreateAsyncScope();
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<PortalUser>>().CreateAsync(user);
        _authorization.SetAuthorized(user.UserName!);
        _authorization.SetRoles([.. principal.FindAll(ClaimTypes.Role).Select(c => c.Value)]);
        _authorization.SetClaims([.. principal.Claims.Where(c => c.Type is not (ClaimTypes.Name or ClaimTypes.Role))]);
        User = user;
        return user;
    }

    public async ValueTask DisposeAsync()
    {
        await Bunit.DisposeAsync();
        await App.DisposeAsync();
    }
}
