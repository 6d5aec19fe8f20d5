using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Portal.Infrastructure.Files;

/// <summary>Deletes expired batch-print files every minute, on every instance (deleting is idempotent on the shared folder).</summary>
public sealed class PrintFileSweeper(PrintFileStore store, TimeProvider clock, ILogger<PrintFileSweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            do
            {
                try
                {
                    store.DeleteExpired();
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // The message would name the file, and with it the staff member's id and the download token.
                    logger.LogWarning("Deleting expired batch-print files failed ({Error}); the next sweep tries again.", e.GetType().Name);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
