using Portal.Infrastructure.Outbox;

namespace Portal.Web.Features.Shared;

/// <summary>
/// What a person is told about a message of theirs: only what has happened. Queued is "sẽ được gửi",
/// sent is "đã gửi" with the time, a message written to a demo server's log reached no phone.
/// </summary>
public static class DeliveryText
{
    public sealed record Delivery(OutboxChannel Channel, OutboxStatus Status, DateTimeOffset? SentAt, string? DeliveredVia);

    /// <summary>An SMS still queued on a server that writes SMS to its log: it will reach no phone, so say so now.</summary>
    public static Delivery? AsRouted(Delivery? sms, Portal.Infrastructure.Delivery.SmsRoute route) =>
        sms is { Status: OutboxStatus.Pending } && route == Portal.Infrastructure.Delivery.SmsRoute.Log ? sms with { Status = OutboxStatus.Sent, DeliveredVia = "Log" } : sms;

    public static string Sms(Delivery? sms, string phone) => sms switch
    {
        { Status: OutboxStatus.Sent, DeliveredVia: "Log" } =>
            $"Tin nhắn chưa được gửi tới số {phone}: máy chủ thử nghiệm này chưa kết nối cổng SMS, nội dung tin nhắn ở dưới.",
        { Status: OutboxStatus.Sent, SentAt: { } at } => $"Tin nhắn đã được gửi tới số {phone} lúc {TimeText.HourMinute(at)}.",
        { Status: OutboxStatus.Dead } => $"Chưa gửi được tin nhắn tới số {phone}. Vui lòng lưu lại số hồ sơ; cần hỗ trợ, gọi tổng đài 1900 9068.",
        _ => $"Tin nhắn sẽ được gửi tới số {phone} trong ít phút.",
    };

    public static string Email(Delivery? email, string address) => email switch
    {
        { Status: OutboxStatus.Sent, SentAt: { } at } => $"Tờ khai đã được gửi tới địa chỉ thư điện tử {address} lúc {TimeText.HourMinute(at)}.",
        { Status: OutboxStatus.Dead } => $"Chưa gửi được tờ khai tới địa chỉ thư điện tử {address}. Bạn vẫn có thể tải tờ khai ở trên.",
        _ => $"Tờ khai sẽ được gửi tới địa chỉ thư điện tử {address} trong ít phút.",
    };
}
