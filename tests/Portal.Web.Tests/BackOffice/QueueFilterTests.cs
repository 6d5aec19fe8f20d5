using Portal.Domain.Declarations;
using Portal.Web.Features.BackOffice;

namespace Portal.Web.Tests.BackOffice;

public sealed class QueueFilterTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    internal static QueueRow Row(int n, string name = "Phạm Văn Long", DeclarationStatus status = DeclarationStatus.Submitted, bool opened = false,
        string? identity = "001190054321") =>
        new(Guid.NewGuid(), $"GD/2026/{n:00000}", DeclarationKind.Individual, DeclarationPurpose.Register, name, $"01234{n:00000}", identity, "00106",
            status, Start.AddMinutes(n), Start.AddMinutes(n).AddDays(10), opened);

    [Fact]
    public void Newest_first_twenty_a_page_and_a_page_beyond_the_last_is_the_last()
    {
        var rows = Enumerable.Range(1, 45).Select(n => Row(n)).ToList();

        var first = new QueueFilter().Apply(rows);
        Assert.Equal((45, 1, 3), (first.Total, first.Page, first.PageCount));
        Assert.Equal(20, first.Rows.Count);
        Assert.Equal("GD/2026/00045", first.Rows[0].RecordNumber);
        Assert.Equal("GD/2026/00026", first.Rows[^1].RecordNumber);

        var last = new QueueFilter(Page: 9).Apply(rows);
        Assert.Equal(3, last.Page);
        Assert.Equal(["GD/2026/00005", "GD/2026/00004", "GD/2026/00003", "GD/2026/00002", "GD/2026/00001"], last.Rows.Select(r => r.RecordNumber));
    }

    [Theory]
    [InlineData("nguyen thi anh tuyet")]
    [InlineData("Nguyễn Thị Ánh Tuyết")]
    [InlineData("NGUYEN   tuyet")]
    [InlineData("gd/2026/00002")]
    [InlineData("0123400002")]
    [InlineData("079301000002")]
    public void Search_finds_by_name_ignoring_diacritics_record_number_ma_so_and_id_number(string query)
    {
        var rows = new[] { Row(1), Row(2, "Nguyễn Thị Ánh Tuyết", identity: "079301000002"), Row(3, "Nguyễn Văn Tuyến") };

        var found = new QueueFilter(Search: query).Apply(rows);

        Assert.Equal("GD/2026/00002", Assert.Single(found.Rows).RecordNumber);
    }

    [Fact]
    public void The_status_filter_and_the_search_combine_and_an_empty_search_matches_everything()
    {
        var rows = new[]
        {
            Row(1, "Lê Thị Hoa", DeclarationStatus.Received), Row(2, "Lê Thị Hoa"), Row(3, "Trần Văn Bình", DeclarationStatus.Received),
        };

        Assert.Equal(["GD/2026/00001"], new QueueFilter(DeclarationStatus.Received, "le thi").Apply(rows).Rows.Select(r => r.RecordNumber));
        Assert.Equal(2, new QueueFilter(DeclarationStatus.Received, "  ").Apply(rows).Total);
        Assert.Equal(0, new QueueFilter(DeclarationStatus.Rejected).Apply(rows).Total);
        Assert.Equal(1, new QueueFilter(DeclarationStatus.Rejected).Apply(rows).PageCount);
    }

    [Fact]
    public void Days_left_count_vietnam_calendar_days_while_submitted_only()
    {
        var row = Row(1);
        Assert.Equal(10, row.DaysLeft(row.CreatedAt));
        Assert.Equal(0, row.DaysLeft(row.ExpiresAt.AddDays(3)));
        Assert.Null((row with { Status = DeclarationStatus.Received }).DaysLeft(row.CreatedAt));
    }
}
