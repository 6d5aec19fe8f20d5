using Bunit;
using Portal.Domain.Declarations;
using Portal.Web.Features.BackOffice;
using static Portal.Web.Tests.BackOffice.QueueFilterTests;

namespace Portal.Web.Tests.BackOffice;

/// <summary>The queue's table, status filter and pager (bUnit), given rows: what stands out and what the buttons ask for.</summary>
public sealed class QueueTableTests
{
    private static IRenderedComponent<QueueTable> Render(BunitContext ctx, IReadOnlyList<QueueRow> rows, QueueFilter filter, DateTimeOffset now,
        Action<DeclarationStatus?>? status = null, Action<int>? page = null, IReadOnlySet<Guid>? selected = null, Action<Guid>? toggled = null,
        Action<bool>? pageSelection = null, bool interactive = true) =>
        ctx.Render<QueueTable>(p => p
            .Add(c => c.Result, filter.Apply(rows))
            .Add(c => c.Filter, filter)
            .Add(c => c.Now, now)
            .Add(c => c.StatusChanged, s => status?.Invoke(s))
            .Add(c => c.PageChanged, n => page?.Invoke(n))
            .Add(c => c.Selected, selected ?? new HashSet<Guid>())
            .Add(c => c.Interactive, interactive)
            .Add(c => c.SelectionToggled, id => toggled?.Invoke(id))
            .Add(c => c.PageSelectionChanged, all => pageSelection?.Invoke(all)));

    [Fact]
    public void Unopened_rows_are_marked_and_waiting_rows_show_their_expiry_and_days_left()
    {
        using var ctx = new BunitContext();
        var waiting = Row(1);
        var received = Row(2, status: DeclarationStatus.Received, opened: true);

        var cut = Render(ctx, [waiting, received], new QueueFilter(), waiting.CreatedAt.AddDays(9));

        var rows = cut.FindAll("tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Equal(received.Id.ToString(), rows[0].GetAttribute("data-id"));
        Assert.Null(rows[0].QuerySelector(".badge.new"));
        Assert.Equal("—", rows[0].QuerySelector("td.expiry")!.TextContent.Trim());
        Assert.Equal("unopened", rows[1].ClassName);
        Assert.Equal("Chưa mở", rows[1].QuerySelector(".badge.new")!.TextContent);
        Assert.Equal("còn 1 ngày", rows[1].QuerySelector(".days-left")!.TextContent);
        Assert.Contains("soon", rows[1].QuerySelector("td.expiry")!.ClassName);
        Assert.Equal(DeclarationDetailPage.UrlOf(waiting.Id), rows[1].QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void The_status_buttons_ask_for_their_status_and_show_the_chosen_one_pressed()
    {
        using var ctx = new BunitContext();
        DeclarationStatus? asked = DeclarationStatus.Accepted;
        var cut = Render(ctx, [Row(1)], new QueueFilter(DeclarationStatus.Submitted), DateTimeOffset.UtcNow, status: s => asked = s);

        Assert.Equal(["Tất cả", "Chờ tiếp nhận", "Đã tiếp nhận", "Đã duyệt", "Từ chối"], cut.FindAll(".queue-filters button").Select(b => b.TextContent));
        Assert.Equal("true", cut.Find("button[data-status='Submitted']").GetAttribute("aria-pressed"));

        cut.Find("button[data-status='Rejected']").Click();
        Assert.Equal(DeclarationStatus.Rejected, asked);
        cut.Find(".queue-filters button").Click();
        Assert.Null(asked);
    }

    [Fact]
    public void The_pager_shows_on_more_than_twenty_rows_and_asks_for_the_next_page()
    {
        using var ctx = new BunitContext();
        var rows = Enumerable.Range(1, 21).Select(n => Row(n)).ToList();
        var asked = 0;

        var cut = Render(ctx, rows, new QueueFilter(), DateTimeOffset.UtcNow, page: n => asked = n);

        Assert.Equal(20, cut.FindAll("tbody tr").Count);
        Assert.Contains("21 hồ sơ · trang 1/2", cut.Find("caption").TextContent);
        Assert.True(cut.FindAll(".pager button")[0].HasAttribute("disabled"));
        cut.FindAll(".pager button")[1].Click();
        Assert.Equal(2, asked);
    }

    [Fact]
    public void No_rows_say_so()
    {
        using var ctx = new BunitContext();
        var cut = Render(ctx, [], new QueueFilter(Search: "khong co"), DateTimeOffset.UtcNow);
        Assert.Equal("Không có hồ sơ nào.", cut.Find("p.empty").TextContent);
        Assert.Empty(cut.FindAll(".pager"));
    }

    [Fact]
    public void Each_row_has_a_box_ticked_when_selected_and_ticking_asks_for_that_row()
    {
        using var ctx = new BunitContext();
        var rows = new[] { Row(1), Row(2), Row(3) };
        Guid? toggled = null;

        var cut = Render(ctx, rows, new QueueFilter(), DateTimeOffset.UtcNow, selected: new HashSet<Guid> { rows[1].Id }, toggled: id => toggled = id);

        var boxes = cut.FindAll("tbody input[type=checkbox]");
        Assert.Equal([false, true, false], boxes.Select(b => b.HasAttribute("checked")));
        Assert.Equal("Chọn hồ sơ GD/2026/00003", boxes[0].GetAttribute("aria-label"));
        Assert.False(cut.Find("thead input[type=checkbox]").HasAttribute("checked"));
        boxes[0].Change(true);
        Assert.Equal(rows[2].Id, toggled);
    }

    [Fact]
    public void The_header_box_selects_or_clears_this_page_and_is_ticked_when_the_whole_page_is()
    {
        using var ctx = new BunitContext();
        var rows = Enumerable.Range(1, 25).Select(n => Row(n)).ToList();
        var firstPage = new QueueFilter().Apply(rows).Rows.Select(r => r.Id).ToHashSet();
        bool? asked = null;

        var cut = Render(ctx, rows, new QueueFilter(), DateTimeOffset.UtcNow, selected: firstPage, pageSelection: all => asked = all);

        var header = cut.Find("thead input[type=checkbox]");
        Assert.Equal("Chọn tất cả hồ sơ trên trang này", header.GetAttribute("aria-label"));
        Assert.True(header.HasAttribute("checked"));
        header.Change(false);
        Assert.False(asked);
        Render(ctx, rows, new QueueFilter(Page: 2), DateTimeOffset.UtcNow, selected: firstPage, pageSelection: all => asked = all)
            .Find("thead input[type=checkbox]").Change(true);
        Assert.True(asked);
    }

    [Fact]
    public void The_boxes_wait_for_the_circuit()
    {
        using var ctx = new BunitContext();
        var cut = Render(ctx, [Row(1)], new QueueFilter(), DateTimeOffset.UtcNow, interactive: false);
        Assert.All(cut.FindAll("input[type=checkbox]"), b => Assert.True(b.HasAttribute("disabled")));
    }
}
