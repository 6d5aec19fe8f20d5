using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Outbox;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Purge;
using Portal.Infrastructure.Security;

namespace Portal.Web.Cli;

/// <summary>Operator verbs: <c>dotnet run --project src/Portal.Web -- migrate</c>.</summary>
public static class CommandLine
{
    private static readonly string[] Verbs = ["migrate", "jobs", "accounts", "help"];

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
                // Hangfire's schema too (its PostgreSQL storage creates it when made), so that replicas starting
                // together after `migrate` do not each try to create it.
                if (database.Provider == DatabaseProvider.Postgres) scope.ServiceProvider.GetRequiredService<Hangfire.JobStorage>();
                // The shared keys now, though replicas starting together would agree on them anyway (SharedKeys).
                SharedKeys.Ensure(app.Services);
                Console.WriteLine($"Database ({database.Provider}) is up to date. Added {report.SchemesAdded} schemes, {report.UnitsAdded} administrative units, {report.OfficesAdded} offices.");
                return 0;
            }
            case "accounts" when args is [_, "create", .. var options]:
                return await AccountsCommand.CreateAsync(app, options);
            case "jobs" when args is [_, "run", "outbox"]:
            {
                if (!await SchemaIsCurrentAsync(app)) return 2;
                var report = await app.Services.GetRequiredService<OutboxDispatcher>().DispatchAsync();
                Console.WriteLine($"Outbox: {report.Sent} sent, {report.Retrying} failed and will be retried, {report.DeadLettered} dead-lettered.");
                return 0;
            }
            case "jobs" when args is [_, "run", "purge"]:
            {
                if (!await SchemaIsCurrentAsync(app)) return 2;
                await using var scope = app.Services.CreateAsyncScope();
                using var stop = new CancellationTokenSource();
                // Ctrl+C or SIGTERM stops between batches and records the run as interrupted.
                void Stop(PosixSignalContext context)
                {
                    context.Cancel = true;
                    stop.Cancel();
                }
                using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
                using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
                PurgeReport report;
                try
                {
                    report = await scope.ServiceProvider.GetRequiredService<DeclarationPurger>().RunAsync(stop.Token);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    Console.Error.WriteLine("Purge interrupted; the job history records how far it got.");
                    return 130;
                }
                // Counts only: the purge deals in personal data and the console is often logged.
                Console.WriteLine($"Purge: {report.WarningsSent} reminders queued, {report.DeclarationsDeleted} declarations deleted, " +
                    $"{report.DraftsDeleted} drafts deleted, {report.FilesRemoved} files removed, {report.Errors.Count} errors.");
                foreach (var error in report.Errors) Console.Error.WriteLine($"  failed step {error}");
                return report.Errors.Count == 0 ? 0 : 1;
            }
            default:
                Console.WriteLine("""
                    Usage: Portal.Web [verb]
                      (no verb)   serve the portal
                      migrate     apply database migrations and seed reference data, then exit
                      jobs run purge
                                  run the 10-day purge now (reminders, expired declarations, drafts, orphan files), then exit
                      jobs run outbox
                                  send the queued emails and SMS that are due now, then exit
                      accounts create --role Citizen|OfficeStaff|ProvinceStaff|Admin --user MA_SO_BHXH_OR_NAME --name "Họ và tên"
                                      [--phone 09xxxxxxxx] [--email a@b.vn] [--office CODE]
                                  create an account; its first password goes to its owner by SMS and email
                    """);
                return 0;
        }
    }

    /// <summary>Like the web host: migrate first unless told not to, and then refuse an old schema plainly.</summary>
    internal static async Task<bool> SchemaIsCurrentAsync(WebApplication app)
    {
        await app.Services.MigrateIfConfiguredAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var pending = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Database.GetPendingMigrationsAsync();
        if (!pending.Any()) return true;
        Console.Error.WriteLine("The database schema is not up to date: run `migrate` first.");
        return false;
    }
}
