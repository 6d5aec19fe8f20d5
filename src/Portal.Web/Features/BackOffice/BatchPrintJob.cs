using System.Globalization;
using Portal.Infrastructure.Files;
using Portal.Infrastructure.Review;

namespace Portal.Web.Features.BackOffice;

public enum BatchPrintPhase { Idle, Running, Ready, Failed, Cancelled }

/// <summary>What the batch-print panel shows: the progress, the ready file's link and size, or why there is none.</summary>
public sealed record BatchPrintStatus(BatchPrintPhase Phase, int Done = 0, int Total = 0, string? DownloadUrl = null, long Bytes = 0, int Skipped = 0,
    string? Message = null)
{
    public static readonly BatchPrintStatus Idle = new(BatchPrintPhase.Idle);

    public bool IsRunning => Phase == BatchPrintPhase.Running;

    public static BatchPrintStatus Failed(string message) => new(BatchPrintPhase.Failed, Message: message);
}

/// <summary>
/// The queue page's batch print, run in the background of the circuit: its own DI scope for the whole print (never the
/// circuit's), progress reported at most every <see cref="RefreshInterval"/>, cancelled by the staff member or when the
/// page goes away. <paramref name="changed"/> asks the page to render (InvokeAsync(StateHasChanged)).
/// </summary>
public sealed class BatchPrintJob(IServiceScopeFactory scopes, StaffScope staff, Func<Task> changed, TimeProvider clock, ILogger logger) : IDisposable
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(250);
    public const string NoneTodayText = "Hôm nay chưa có hồ sơ nào được tiếp nhận trong phạm vi cơ quan của bạn.";
    public const string NoneInScopeText = "Không còn hồ sơ nào đã chọn trong phạm vi cơ quan của bạn.";
    public const string CancelledText = "Đã hủy, không tạo tệp PDF.";
    public const string FailedText = "Không tạo được tệp PDF. Vui lòng thử lại.";

    private CancellationTokenSource? _cancel;

    public BatchPrintStatus Status { get; private set; } = BatchPrintStatus.Idle;

    /// <summary>The running print, for tests to await.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public static string TooManyText(int count, bool receivedToday) => receivedToday
        ? string.Create(CultureInfo.InvariantCulture, $"Hôm nay đã tiếp nhận {count} hồ sơ, quá {BatchPrint.MaxDeclarations} hồ sơ một lần in. Hãy chọn các hồ sơ cần in.")
        : string.Create(CultureInfo.InvariantCulture, $"Mỗi lần in tối đa {BatchPrint.MaxDeclarations} hồ sơ; bạn đang chọn {count}. Bỏ chọn bớt rồi in lại.");

    /// <summary>Prints <paramref name="ids"/>, or the declarations received today when null; does nothing while a print runs.</summary>
    public void Start(IReadOnlyCollection<Guid>? ids)
    {
        if (Status.IsRunning) return;
        _cancel = new CancellationTokenSource();
        Status = new BatchPrintStatus(BatchPrintPhase.Running, 0, ids?.Count ?? 0);
        var cancellationToken = _cancel.Token;
        Completion = Task.Run(() => RunAsync(ids, cancellationToken));
    }

    public void Cancel() => _cancel?.Cancel();

    private async Task RunAsync(IReadOnlyCollection<Guid>? ids, CancellationToken cancellationToken)
    {
        try
        {
            await using var services = scopes.CreateAsyncScope();
            var print = services.ServiceProvider.GetRequiredService<BatchPrint>();
            var asked = ids ?? await print.ReceivedTodayAsync(staff, cancellationToken);
            if (asked.Count > BatchPrint.MaxDeclarations)
            {
                Status = BatchPrintStatus.Failed(TooManyText(asked.Count, receivedToday: ids is null));
                return;
            }
            var selection = await print.SelectAsync(asked, staff, cancellationToken);
            var total = selection.Declarations.Count;
            if (total == 0)
            {
                Status = BatchPrintStatus.Failed(ids is null ? NoneTodayText : NoneInScopeText);
                return;
            }
            Status = new BatchPrintStatus(BatchPrintPhase.Running, 0, total);
            await NotifyAsync();
            await using var draft = services.ServiceProvider.GetRequiredService<PrintFileStore>().Create(staff.UserId);
            await print.PrintAsync(selection, staff, draft.Content, new ThrottledProgress(this, total, clock), cancellationToken);
            var file = await draft.CommitAsync();
            Status = new BatchPrintStatus(BatchPrintPhase.Ready, total, total, BatchPrintEndpoint.PathOf(file.Token), file.Bytes, selection.Skipped);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Status = new BatchPrintStatus(BatchPrintPhase.Cancelled, Message: CancelledText);
        }
        catch (Exception e)
        {
            logger.LogError(e, "A batch print failed");
            Status = BatchPrintStatus.Failed(FailedText);
        }
        finally
        {
            await NotifyAsync();
        }
    }

    private async Task NotifyAsync()
    {
        try
        {
            await changed();
        }
        catch (ObjectDisposedException)
        {
            // The page (and its circuit) went away during the print: nobody is left to show it to.
        }
    }

    public void Dispose() => _cancel?.Cancel();

    /// <summary>Keeps the count current and renders at most every <see cref="RefreshInterval"/>: one render per declaration would flood the circuit.</summary>
    private sealed class ThrottledProgress(BatchPrintJob job, int total, TimeProvider clock) : IProgress<int>
    {
        private long _rendered = clock.GetTimestamp();

        public void Report(int value)
        {
            job.Status = new BatchPrintStatus(BatchPrintPhase.Running, value, total);
            if (value == total || clock.GetElapsedTime(_rendered) < RefreshInterval) return;
            _rendered = clock.GetTimestamp();
            _ = job.NotifyAsync();
        }
    }
}
