using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.ResponseCompression;
using Hangfire;
using Portal.Infrastructure;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Security;
using Portal.Web.Components;
using Portal.Infrastructure.Accounts;
using Portal.Web.Features.Account;
using Portal.Web.Features.Admin;
using Portal.Web.Features.Admin.Offices;
using Portal.Web.Features.BackOffice;
using Portal.Web.Features.Lookup;
using Portal.Web.Features.Registration;
using Portal.Web.Features.Shared;
using Portal.Web.Hosting;
using Portal.Infrastructure.Captcha;

namespace Portal.Web;

public static class PortalWebSetup
{
    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // An unpublished build outside Development serves blazor.web.js from the static web assets
        // manifest (DESIGN §6); a published one has it under wwwroot and no manifest, and this does nothing.
        if (!builder.Environment.IsDevelopment()) builder.WebHost.UseStaticWebAssets();
        // Vietnamese as characters, not numeric entities: half the page weight and readable source.
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));

        builder.AddPortalObservability();
        services.AddInfrastructure(builder.Configuration, builder.Environment.ContentRootPath);
        // Citizen pages are static SSR; only the back office (/can-bo) runs interactive on a circuit.
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddReverseProxy(builder.Configuration);
        services.AddScoped<Mau01Flow>();
        services.AddScoped<OfficeChoice>();
        services.AddSingleton<DeclarationPdfLinks>();
        services.AddScoped<StatusLookupHandler>();
        // A fixed captcha code exists for automated tests and benchmarks only; production ignores it.
        var fixedCode = builder.Environment.IsProduction() ? null : builder.Configuration["Captcha:FixedCode"];
        // Drawn into the image and compared as typed: a character outside the alphabet could never be answered.
        if (fixedCode is not null && (fixedCode.Length != CaptchaCode.Length || fixedCode.ToUpperInvariant().Any(c => !CaptchaCode.Alphabet.Contains(c))))
            throw new InvalidOperationException(
                $"Captcha:FixedCode must be {CaptchaCode.Length} characters of the captcha alphabet {CaptchaCode.Alphabet} (got {fixedCode.Length} characters).");
        services.AddSingleton(new CaptchaOptions(fixedCode));
        // The captcha is drawn in DejaVu Sans Bold: without the font no form with a captcha could be shown.
        CaptchaTypeface.EnsureLoaded(builder.Configuration["Captcha:FontFile"]);
        services.AddSingleton(new CaptchaAudioOptions(
            builder.Configuration["Captcha:Audio:Program"] ?? "espeak-ng",
            builder.Configuration.GetValue("Captcha:Audio:Enabled", true)));
        services.AddSingleton<CaptchaAudio>();
        services.AddPortalRateLimits();
        services.AddAccountCookies();
        services.AddSecurityHeaders();
        services.AddProblemDetails();
        services.AddExceptionHandler<PortalExceptionHandler>();
        services.AddRequestLimits();
        services.AddResponseCompression(o =>
        {
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["image/svg+xml"]);
        });
        // Brotli's "fastest" level gives a larger office page than gzip; browsers prefer Brotli.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal);
        return builder;
    }

    /// <summary>Migrates and seeds the database, unless <c>Database:MigrateOnStartup</c> is false.</summary>
    public static async Task MigrateIfConfiguredAsync(this IServiceProvider services)
    {
        if (!services.GetRequiredService<DatabaseOptions>().MigrateOnStartup) return;
        await using var scope = services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        // Seeding ~11,000 administrative units leaves some 30 MB of dead objects (live heap after it: about 7 MB), and
        // the GC kept about 86 MB committed for them until load came: about 70-90 MB of the idle RSS on an empty data
        // folder (bench/startup-memory.sh). One compacting collection that returns memory to the system, after a seed only.
        if (report.UnitsAdded > 0) GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    /// <summary>The README's demo accounts, on a Development machine only.</summary>
    private static async Task SeedDemoAccountsAsync(this IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AccountSeeder>().SeedDemoAccountsAsync();
    }

    public static async Task UsePortalAsync(this WebApplication app)
    {
        // Before anything could use a key: replicas starting together on an empty data folder share one of each.
        SharedKeys.Ensure(app.Services);
        await app.Services.MigrateIfConfiguredAsync();
        // Tries espeak-ng once, now: pages then offer the audio captcha only if it works.
        app.Services.GetRequiredService<CaptchaAudio>();
        if (app.Environment.IsDevelopment()) await app.Services.SeedDemoAccountsAsync();

        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = PortalExceptionHandler.ErrorPath,
                CreateScopeForErrors = true,
                // PortalExceptionHandler has logged it, with the trace id.
                SuppressDiagnosticsCallback = _ => true,
            });
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/khong-tim-thay", createScopeForStatusCodePages: true);
        app.UseResponseCompression();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseMetricsGate();
        app.UsePasswordChangeGate();
        app.UseOperatorGate();
        app.UseHangfireDashboard(AdminNav.DashboardUrl, new DashboardOptions
        {
            Authorization = [new OperatorDashboardAuthorization()],
            AppPath = OutboxPage.Url,
            DashboardTitle = "Tác vụ nền",
        });
        app.UseOversizedUploadRedirect();
        app.UseOfficeImportSizeGuard();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseBadRequestPages();
        app.UseAntiforgery();

        app.MapObservability();
        app.MapAddressEndpoints();
        app.MapOfficeEndpoints();
        app.MapDeclarationFileEndpoints();
        app.MapLogout();
        app.MapCaptchaAudioEndpoint();
        app.MapStaffPdfEndpoint();
        app.MapStaffPhotoEndpoint();
        app.MapBatchPrintEndpoint();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }
}
