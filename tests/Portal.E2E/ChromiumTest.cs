using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Web.Tests.Support;

namespace Portal.E2E;

/// <summary>The portal on Kestrel and Debian's Chromium driven by Playwright, one of each per test.</summary>
public abstract class ChromiumTest : IAsyncLifetime
{
    private const string ChromiumPath = "/usr/bin/chromium";
    protected PortalApp App { get; private set; } = null!;
    private IPlaywright? _playwright;
    private bool _started;
    protected IBrowser? Browser { get; private set; }
    protected string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Browser tests need Debian's Chromium at {ChromiumPath}: apt-get install -y chromium (.ci/run does).");
        App = await CreateAppAsync();
        // What an operator's logs would hold, and more: every line is searched for personal data at the end.
        App.Settings.TryAdd("Logging:LogLevel:Default", "Information");
        App.Settings.TryAdd("Logging:LogLevel:Microsoft.AspNetCore", "Information");
        App.Settings.TryAdd("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "Information");
        App.Settings.TryAdd("Logging:LogLevel:Portal", "Trace");
        App.UseKestrel(0);
        App.StartServer();
        _started = true;
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        IReadOnlyList<string> leaks = [];
        if (App is not null)
        {
            if (_started)
            {
                leaks = PersonalDataInLogs.Leaks(App.Logs.Lines, await PersonalDataInLogs.StoredAsync(App.Services));
                // The search means something only if the capture saw the requests (Information) it was meant to.
                if (!App.Logs.Lines.Any(l => l.Category == "Microsoft.AspNetCore.Hosting.Diagnostics" && l.Level == Microsoft.Extensions.Logging.LogLevel.Information))
                    leaks = ["no request line was captured at Information: the log search saw nothing"];
            }
            await App.DisposeAsync();
        }
        await StopServicesAsync();
        // Fails the test that just ran: no log line may carry a name, ID number, phone or email the test used.
        if (leaks.Count > 0) throw new Xunit.Sdk.XunitException("Personal data in the portal's logs:\n" + string.Join("\n", leaks.Take(20)));
    }

    /// <summary>The portal to test; a test that needs servers of its own (SMTP, an SMS gateway) starts them here first.</summary>
    protected virtual Task<PortalApp> CreateAppAsync() => Task.FromResult(new PortalApp());

    /// <summary>Stops what <see cref="CreateAppAsync"/> started, after the portal.</summary>
    protected virtual Task StopServicesAsync() => Task.CompletedTask;

    /// <summary>A page of a new browser context, signed in through the login form and landed on Tài khoản.</summary>
    protected async Task<IPage> SignedInAsync(string userName, string password = TestAccounts.Password)
    {
        var page = await (await Browser!.NewContextAsync(new() { Locale = "vi-VN" })).NewPageAsync();
        await SignInAsync(page, userName, password);
        await page.WaitForURLAsync("**/tai-khoan");
        return page;
    }

    protected async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync(BaseUrl + "/dang-nhap");
        await Field(page, "Mã số BHXH").FillAsync(userName);
        await Field(page, "Mật khẩu").FillAsync(password);
        await Field(page, "Mã kiểm tra").FillAsync(PortalApp.CaptchaCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
    }

    /// <summary>The input whose label reads exactly <paramref name="label"/>, with or without the required-field asterisk.</summary>
    internal static ILocator Field(IPage page, string label) =>
        page.GetByLabel(new System.Text.RegularExpressions.Regex($"^{System.Text.RegularExpressions.Regex.Escape(label)}\\s*\\*?$"));

    /// <summary>With PORTAL_E2E_SCREENSHOTS set to a folder, each step is saved as a PNG for a person to look at.</summary>
    internal static async Task SnapAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("PORTAL_E2E_SCREENSHOTS");
        if (!string.IsNullOrEmpty(folder)) await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    internal static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "photos", name);
}
