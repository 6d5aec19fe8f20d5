using Bunit;
using Portal.Infrastructure.Review;
using Portal.Web.Features.BackOffice;

namespace Portal.Web.Tests.BackOffice;

/// <summary>The queue's batch-print panel (bUnit), given a selection and a print's status: which buttons work, the progress and the ready link.</summary>
public sealed class BatchPrintPanelTests
{
    private sealed class Calls
    {
        public int Selected, Today, Cancel, Clear;
    }

    private static IRenderedComponent<BatchPrintPanel> Render(BunitContext ctx, int selected, BatchPrintStatus status, Calls? calls = null, bool interactive = true) =>
        ctx.Render<BatchPrintPanel>(p => p
            .Add(c => c.SelectedCount, selected)
            .Add(c => c.Status, status)
            .Add(c => c.Interactive, interactive)
            .Add(c => c.PrintSelected, () => { if (calls is not null) calls.Selected++; })
            .Add(c => c.PrintToday, () => { if (calls is not null) calls.Today++; })
            .Add(c => c.Cancel, () => { if (calls is not null) calls.Cancel++; })
            .Add(c => c.ClearSelection, () => { if (calls is not null) calls.Clear++; }));

    private static bool Enabled(IRenderedComponent<BatchPrintPanel> cut, string which) => !cut.Find($"button[data-print={which}]").HasAttribute("disabled");

    [Fact]
    public void Printing_the_selection_needs_a_selection_and_todays_print_needs_none()
    {
        using var ctx = new BunitContext();
        var calls = new Calls();

        var none = Render(ctx, 0, BatchPrintStatus.Idle, calls);
        Assert.Equal("Chưa chọn hồ sơ nào.", none.Find(".selection-count").TextContent.Trim());
        Assert.False(Enabled(none, "selected"));
        Assert.True(Enabled(none, "today"));
        none.Find("button[data-print=today]").Click();
        Assert.Equal(1, calls.Today);

        var three = Render(ctx, 3, BatchPrintStatus.Idle, calls);
        Assert.StartsWith("Đã chọn 3 hồ sơ.", three.Find(".selection-count").TextContent.Trim());
        Assert.Equal("In các hồ sơ đã chọn", three.Find("button[data-print=selected]").TextContent);
        three.Find("button[data-print=selected]").Click();
        three.Find(".selection-count button").Click();
        Assert.Equal((1, 1), (calls.Selected, calls.Clear));
        Assert.Empty(three.FindAll("[role=status]"));
    }

    [Fact]
    public void Before_the_circuit_is_up_nothing_can_be_pressed()
    {
        using var ctx = new BunitContext();
        var cut = Render(ctx, 3, BatchPrintStatus.Idle, interactive: false);
        Assert.All(cut.FindAll("button"), b => Assert.True(b.HasAttribute("disabled")));
    }

    [Fact]
    public void More_than_the_cap_is_refused_with_a_message()
    {
        using var ctx = new BunitContext();
        var cut = Render(ctx, BatchPrint.MaxDeclarations + 1, BatchPrintStatus.Idle);

        Assert.False(Enabled(cut, "selected"));
        Assert.True(Enabled(cut, "today"));
        Assert.Equal("Mỗi lần in tối đa 500 hồ sơ; bạn đang chọn 501. Bỏ chọn bớt rồi in lại.", cut.Find("[role=alert]").TextContent);
        Assert.True(Enabled(Render(ctx, BatchPrint.MaxDeclarations, BatchPrintStatus.Idle), "selected"));
    }

    [Fact]
    public void A_running_print_shows_its_progress_and_can_be_cancelled_but_not_started_again()
    {
        using var ctx = new BunitContext();
        var calls = new Calls();
        var cut = Render(ctx, 200, new BatchPrintStatus(BatchPrintPhase.Running, 37, 200), calls);

        var progress = cut.Find("[role=status] progress");
        Assert.Equal(("200", "37"), (progress.GetAttribute("max"), progress.GetAttribute("value")));
        Assert.Equal("Đang tạo 37/200 hồ sơ…", cut.Find("[role=status] span").TextContent);
        Assert.False(Enabled(cut, "selected"));
        Assert.False(Enabled(cut, "today"));
        Assert.True(cut.Find(".selection-count button").HasAttribute("disabled"));
        cut.Find(".batch-progress button").Click();
        Assert.Equal(1, calls.Cancel);

        var preparing = Render(ctx, 0, new BatchPrintStatus(BatchPrintPhase.Running));
        Assert.Equal("Đang chuẩn bị…", preparing.Find("[role=status] span").TextContent);
    }

    [Fact]
    public void A_ready_print_offers_its_file_with_count_and_size_and_says_what_was_left_out()
    {
        using var ctx = new BunitContext();
        var cut = Render(ctx, 201, new BatchPrintStatus(BatchPrintPhase.Ready, 200, 200, "/can-bo/in/abc.pdf", 26_214_401, Skipped: 1));

        var link = cut.Find("[role=status] a");
        Assert.Equal("Tải tệp PDF (200 hồ sơ, 25.601 KB)", link.TextContent);
        Assert.Equal("/can-bo/in/abc.pdf", link.GetAttribute("href"));
        Assert.True(link.HasAttribute("download"));
        Assert.Contains("Tệp được giữ trong 10 phút.", cut.Find("[role=status]").TextContent);
        Assert.Equal("1 hồ sơ đã chọn không còn trong phạm vi cơ quan của bạn nên không được in.", cut.Find(".skipped").TextContent);
        Assert.True(Enabled(cut, "selected"));
        Assert.Empty(Render(ctx, 1, new BatchPrintStatus(BatchPrintPhase.Ready, 1, 1, "/can-bo/in/abc.pdf", 900)).FindAll(".skipped"));
        Assert.Equal("1", BatchPrintPanel.KiloBytes(1));
    }

    [Fact]
    public void A_failed_or_cancelled_print_says_so()
    {
        using var ctx = new BunitContext();
        var failed = Render(ctx, 0, BatchPrintStatus.Failed(BatchPrintJob.NoneTodayText));
        Assert.Equal(BatchPrintJob.NoneTodayText, failed.Find("p.error[role=status]").TextContent);
        var cancelled = Render(ctx, 0, new BatchPrintStatus(BatchPrintPhase.Cancelled, Message: BatchPrintJob.CancelledText));
        Assert.Equal("Đã hủy, không tạo tệp PDF.", cancelled.Find("[role=status]").TextContent);
    }
}
