using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Portal.Web.Tests.Support;

/// <summary>The whole portal over HTTP, on a SQLite database in a temporary data folder.</summary>
public sealed class PortalApp : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("portal-web-").FullName;

    public const string CaptchaCode = "HK4RW";

    public string DataDirectory => _dataDirectory;

    public int SubmitPerMinute { get; init; } = 1000;

    public int StatusLookupPerMinute { get; init; } = 1000;

    /// <summary>Further settings, e.g. an SMTP server for the outbox.</summary>
    public Dictionary<string, string?> Settings { get; init; } = [];

    /// <summary>
    /// The portal's clock, e.g. a FakeTimeProvider the test moves forward; the system clock when null. Start a
    /// fake clock at the real time: Data Protection's expiring tokens also check the system clock.
    /// </summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>The hosting environment: "Testing" (production-like error handling) unless a test needs Development or Production.</summary>
    public string Environment { get; init; } = "Testing";

    /// <summary>Every line the portal logs at the levels its settings enable (Warning unless a test raises it).</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>Changes to the portal's services, applied after its own (e.g. a shorter circuit retention).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Production-like error handling; "Testing" only enables the fixed captcha code below.
        builder.UseEnvironment(Environment);
        builder.UseSetting("Captcha:FixedCode", CaptchaCode);
        builder.UseSetting("RateLimits:SubmitPerMinute", SubmitPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimits:StatusLookupPerMinute", StatusLookupPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Tests walk Quên mật khẩu many times from one address; the limit's own test sets it low.
        builder.UseSetting("RateLimits:PasswordResetPerMinute", "1000");
        // Every GET of a page with a captcha draws one; the tests of a class share one address.
        builder.UseSetting("RateLimits:CaptchaPerMinute", "1000");
        builder.UseSetting("Portal:DataDirectory", _dataDirectory);
        builder.UseSetting("ConnectionStrings:Portal", "");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        if (Clock is { } clock)
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(clock);
            });
        builder.ConfigureTestServices(Logs.AddTo);
        if (TestServices is { } configure) builder.ConfigureTestServices(configure);
    }

    public async Task<IHtmlDocument> GetDocumentAsync(string url)
    {
        using var response = await CreateClient().GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_dataDirectory))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
