using Portal.Domain.Declarations;

namespace Portal.Web.Features.Shared;

/// <summary>A declaration's status as its declarant reads it.</summary>
public static class DeclarationStatusText
{
    public static string Of(DeclarationStatus status) => status switch
    {
        DeclarationStatus.Submitted => "Chờ nộp hồ sơ tại cơ quan BHXH",
        DeclarationStatus.Received => "Cơ quan BHXH đã tiếp nhận",
        DeclarationStatus.Accepted => "Đã duyệt",
        DeclarationStatus.Rejected => "Bị từ chối",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
