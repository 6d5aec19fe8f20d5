using Portal.Domain.Declarations;
using Portal.Domain.Text;
using Portal.Infrastructure.Review;

namespace Portal.Web.Features.BackOffice;

/// <summary>A page of the queue: <see cref="Rows"/> of <see cref="Total"/> matches, page <see cref="Page"/> (1-based) of <see cref="PageCount"/>.</summary>
public sealed record QueueSlice(IReadOnlyList<QueueRow> Rows, int Total, int Page, int PageCount);

/// <summary>
/// The queue's status filter, search and paging over the scope's rows, newest first (<see cref="QueueOrder"/>, which a batch print follows too). Pure, so it is tested
/// without a browser. The search ignores diacritics and case: the query and the rows are both folded.
/// </summary>
public sealed record QueueFilter(DeclarationStatus? Status = null, string? Search = null, int Page = 1)
{
    public const int PageSize = 20;

    public QueueSlice Apply(IEnumerable<QueueRow> rows)
    {
        var words = VietnameseText.Fold(Search).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var matches = rows
            .Where(r => Status is null || r.Status == Status)
            .Where(r => words.All(w => r.SearchText.Contains(w, StringComparison.Ordinal)))
            .NewestFirst(r => r.CreatedAt, r => r.RecordNumber)
            .ToList();
        var pageCount = Math.Max(1, (matches.Count + PageSize - 1) / PageSize);
        var page = Math.Clamp(Page, 1, pageCount);
        return new QueueSlice(matches.Skip((page - 1) * PageSize).Take(PageSize).ToList(), matches.Count, page, pageCount);
    }

    /// <summary>The queue's names for the statuses, in the order of the filter.</summary>
    public static string StatusText(DeclarationStatus status) => status switch
    {
        DeclarationStatus.Submitted => "Chờ tiếp nhận",
        DeclarationStatus.Received => "Đã tiếp nhận",
        DeclarationStatus.Accepted => "Đã duyệt",
        DeclarationStatus.Rejected => "Từ chối",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
