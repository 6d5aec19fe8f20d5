namespace Portal.Domain.Declarations;

/// <summary>The wording of Mẫu 01's choices, as on the portal and the printed form.</summary>
public static class Labels
{
    public static string Of(TransactionChannel channel) => channel switch
    {
        TransactionChannel.BhxhPortal => "Cổng thông tin điện tử của BHXH Việt Nam",
        TransactionChannel.Ivan => "Tổ chức I-VAN",
        _ => throw new ArgumentOutOfRangeException(nameof(channel)),
    };

    public static string Of(SubmissionMethod method) => method switch
    {
        SubmissionMethod.AtOffice => "Tại nơi tiếp nhận hồ sơ theo quy định của BHXH Việt Nam",
        SubmissionMethod.ByPost => "Tại nhà thông qua dịch vụ bưu chính công ích",
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    public static string Of(PhotoKind kind) => kind switch
    {
        PhotoKind.Portrait => "Ảnh cá nhân",
        PhotoKind.IdFront => "Ảnh CMND/CCCD/Hộ chiếu mặt trước",
        PhotoKind.IdBack => "Ảnh CMND/CCCD/Hộ chiếu mặt sau",
        PhotoKind.BirthCertificate => "Ảnh giấy khai sinh",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string Of(DeclarationStatus status) => status switch
    {
        DeclarationStatus.Submitted => "Đã ghi nhận, chờ nộp hồ sơ",
        DeclarationStatus.Received => "Cơ quan BHXH đã nhận hồ sơ",
        DeclarationStatus.Accepted => "Đã chấp thuận",
        DeclarationStatus.Rejected => "Không chấp thuận",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public const string Commitment =
        "Cơ quan/tổ chức/cá nhân tôi cam kết hoàn toàn chịu trách nhiệm trước pháp luật về tính chính xác, trung thực của nội dung nêu trên và thực hiện giao dịch điện tử trong lĩnh vực bảo hiểm xã hội theo đúng quy định của pháp luật.";

    public static IReadOnlyList<PhotoKind> PhotosOf(DeclarationKind kind) => kind == DeclarationKind.Individual
        ? [PhotoKind.Portrait, PhotoKind.IdFront, PhotoKind.IdBack]
        : [PhotoKind.Portrait, PhotoKind.BirthCertificate];
}
