using Microsoft.AspNetCore.DataProtection;
using Portal.Infrastructure.Persistence;

namespace Portal.Web.Cli;

/// <summary>Operator verbs: <c>dotnet run --project src/Portal.Web -- migrate</c>.</summary>
public static class CommandLine
{
    private static readonly string[] Verbs = ["migrate", "help"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        switch (args[0])
        {
            case "migrate":
            {
                await using var scope = app.Services.CreateAsyncScope();
                var database = scope.ServiceProvider.GetRequiredService<DatabaseOptions>();
                var report = await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
                // Replicas that start together would each create a key of their own; make the shared one now.
                scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector("Portal.Startup").Protect([1]);
                Console.WriteLine($"Database ({database.Provider}) is up to date. Added {report.SchemesAdded} schemes, {report.UnitsAdded} administrative units, {report.OfficesAdded} offices.");
                return 0;
            }
            default:
                Console.WriteLine("""
                    Usage: Portal.Web [verb]
                      (no verb)   serve the portal
                      migrate     apply database migrations and seed reference data, then exit
                    """);
                return 0;
        }
    }
}
