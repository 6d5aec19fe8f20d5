using Portal.Infrastructure.Outbox;

namespace Portal.Infrastructure.Tests;

public sealed class OutboxMessageTests
{
    [Fact]
    public void A_message_key_is_ordered_by_the_time_it_was_queued()
    {
        var queuedAt = new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);
        var message = new OutboxMessage(OutboxChannel.Sms, "0912345678", null, "BHXHVN", Guid.CreateVersion7(queuedAt), OutboxAttachment.None, queuedAt);
        Assert.Equal(7, message.Id.Version);
        Assert.Equal(queuedAt.ToUnixTimeMilliseconds(), Convert.ToInt64(message.Id.ToString("N")[..12], 16));
    }
}
