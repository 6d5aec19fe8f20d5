using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Accounts;
using Portal.Infrastructure.Persistence;

namespace Portal.Web.Tests.Support;

/// <summary>Accounts made straight in the store, and browsers signed in through the login form.</summary>
public static class TestAccounts
{
    public const string Password = "MatKhau2026";

    public static async Task<PortalUser> CreateAsync(PortalApp app, string role, string userName, string? officeCode = null,
        bool mustChangePassword = false, string fullName = "Nguyễn Văn An", string? phone = "0912000009", string? email = null,
        string? identityNumber = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser(userName, fullName, phone, email, officeCode, DateTimeOffset.UtcNow) { IdentityNumber = identityNumber };
        if (!mustChangePassword) user.PasswordChosenByOwner(DateTimeOffset.UtcNow);
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user;
    }

    /// <summary>Posts the login form at <paramref name="loginPath"/>; returns the browser and the page it landed on.</summary>
    public static async Task<(Mau01Client Browser, HttpResponseMessage Response, AngleSharp.Html.Dom.IHtmlDocument Page)> SignInAsync(
        PortalApp app, string userName, string password = Password, string? returnUrl = null, Mau01Client? browser = null,
        string loginPath = "/dang-nhap")
    {
        browser ??= new Mau01Client(app.CreateClient());
        var url = returnUrl is null ? loginPath : $"{loginPath}?ReturnUrl={Uri.EscapeDataString(returnUrl)}";
        var (response, page) = await browser.PostFormAsync(url, new()
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
            ["Input.CaptchaAnswer"] = PortalApp.CaptchaCode,
        }, formSelector: "main form");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (browser, response, page);
    }

    /// <summary>Where a fresh browser lands after posting the login form: <c>/dang-nhap</c> again when refused.</summary>
    public static async Task<string> LandingAfterSignInAsync(PortalApp app, string userName, string password)
    {
        var (_, response, _) = await SignInAsync(app, userName, password);
        return response.RequestMessage!.RequestUri!.AbsolutePath;
    }

    public static async Task<Mau01Client> AdminAsync(PortalApp app)
    {
        await CreateAsync(app, PortalRoles.Admin, "quantri.thu");
        var (browser, response, _) = await SignInAsync(app, "quantri.thu");
        Assert.Equal("/tai-khoan", response.RequestMessage!.RequestUri!.AbsolutePath);
        return browser;
    }

    public static async Task<PortalUser> FindAsync(PortalApp app, string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Users.AsNoTracking().SingleAsync(u => u.UserName == userName);
    }
}
