using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Accounts;
using Portal.Infrastructure.Captcha;
using Portal.Infrastructure.Declarations;
using Portal.Infrastructure.Delivery;
using Portal.Infrastructure.Drafts;
using Portal.Infrastructure.Files;
using Portal.Infrastructure.Jobs;
using Portal.Infrastructure.Outbox;
using Portal.Infrastructure.Pdf;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Purge;
using Portal.Infrastructure.ReferenceData;

namespace Portal.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, string contentRootPath)
    {
        var paths = PortalPaths.From(configuration, contentRootPath);
        var database = DatabaseOptions.From(configuration, paths.DataDirectory);
        services.AddSingleton(paths);
        services.AddSingleton(database);
        services.AddSingleton(TimeProvider.System);
        // Antiforgery tokens and cookies must validate on every instance behind the load balancer.
        services.AddDataProtection()
            .SetApplicationName("Portal")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(paths.DataDirectory, "keys")));
        services.AddDbContext<PortalDbContext>(options => ConfigureDbContext(options, database));

        services.AddMemoryCache();
        services.AddSingleton<ReferenceDataSeeder>();
        services.AddSingleton<OfficeDirectory>();
        services.AddSingleton<AddressDirectory>();
        services.AddSingleton<OfficeSuggestions>();
        services.AddScoped<OfficeContacts>();
        services.AddScoped<DatabaseInitializer>();

        services.AddSingleton<PhotoStore>();
        services.AddScoped<DraftService>();
        services.AddScoped<CaptchaService>();
        services.AddScoped<DeclarationSubmitter>();
        services.AddScoped<ChangeRequestSubmitter>();
        services.AddScoped<Review.DeclarationReview>();
        services.AddSingleton<IMau01PdfRenderer, Mau01PdfRenderer>();
        services.AddScoped<Mau01PdfService>();
        services.AddScoped<BatchPdf>();
        services.AddScoped<Review.BatchPrint>();
        services.AddSingleton<PrintFileStore>();
        services.AddHostedService<PrintFileSweeper>();
        services.AddPurge(configuration);
        services.AddDelivery(configuration);
        services.AddOutbox();
        services.AddAccounts();
        services.AddJobs(configuration, database);
        return services;
    }

    public static void ConfigureDbContext(DbContextOptionsBuilder options, DatabaseOptions database)
    {
        switch (database.Provider)
        {
            case DatabaseProvider.Postgres:
                options.UseNpgsql(database.ConnectionString, o => o.MigrationsAssembly(PortalMigrations.PostgresAssembly));
                break;
            default:
                options.UseSqlite(database.ConnectionString, o => o.MigrationsAssembly(PortalMigrations.SqliteAssembly));
                break;
        }
    }
}
