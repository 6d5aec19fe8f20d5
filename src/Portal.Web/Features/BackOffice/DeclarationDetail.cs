using Microsoft.EntityFrameworkCore;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.ReferenceData;
using Portal.Infrastructure.Review;

namespace Portal.Web.Features.BackOffice;

/// <summary>What the detail page shows: the declaration, its office's name and its history, oldest first.</summary>
public sealed record DeclarationDetail(Declaration Declaration, string OfficeName, IReadOnlyList<DeclarationEvent> History)
{
    public static async Task<DeclarationDetail?> LoadAsync(IServiceProvider services, Guid id, StaffScope scope, CancellationToken cancellationToken = default)
    {
        if (await services.GetRequiredService<DeclarationReview>().FindAsync(id, scope, cancellationToken) is not { } declaration) return null;
        var history = await services.GetRequiredService<PortalDbContext>().DeclarationEvents.AsNoTracking()
            .Where(e => e.DeclarationId == id).ToListAsync(cancellationToken);
        var office = (await services.GetRequiredService<OfficeDirectory>().GetTreeAsync(cancellationToken)).Find(declaration.OfficeCode);
        return new(declaration, office is null ? declaration.OfficeCode : $"[{office.Code}] {office.Name}",
            history.OrderBy(e => e.At).ThenBy(e => e.Id).ToList());
    }

    /// <summary>In the form's order: portrait, then the ID's sides or the birth certificate.</summary>
    public IEnumerable<DeclarationPhoto> Photos => Declaration.Photos.OrderBy(p => p.Kind);

    public bool CanMarkReceived => Declaration.Status == DeclarationStatus.Submitted;
    public bool CanAccept => Declaration.Status == DeclarationStatus.Received;
    public bool CanReject => Declaration.Status is DeclarationStatus.Submitted or DeclarationStatus.Received;

    public static string OutcomeText(ReviewOutcome outcome) => outcome switch
    {
        ReviewOutcome.Done => "Đã cập nhật",
        ReviewOutcome.ChangedMeanwhile => "Hồ sơ vừa được cán bộ khác cập nhật; trang đã tải lại thông tin mới nhất.",
        ReviewOutcome.NotAllowed => "Không thực hiện được ở trạng thái hiện tại.",
        _ => QueuePage.NotFoundText,
    };

    public static string EventText(DeclarationEventKind kind) => kind switch
    {
        DeclarationEventKind.Received => "Đánh dấu đã tiếp nhận",
        DeclarationEventKind.Accepted => "Chấp thuận",
        DeclarationEventKind.Rejected => "Từ chối",
        DeclarationEventKind.Viewed => "Xem",
        _ => kind.ToString(),
    };

    public static string PurposeText(DeclarationPurpose purpose) => purpose switch
    {
        DeclarationPurpose.Register => "Đăng ký sử dụng",
        DeclarationPurpose.Amend => "Điều chỉnh thông tin",
        DeclarationPurpose.Stop => "Ngừng sử dụng phương thức giao dịch",
        _ => purpose.ToString(),
    };
}
