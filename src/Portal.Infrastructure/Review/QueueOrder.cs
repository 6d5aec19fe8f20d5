namespace Portal.Infrastructure.Review;

/// <summary>The order of the Tiếp nhận hồ sơ queue, which a batch print follows too: newest Ghi nhận first, then the higher record number.</summary>
public static class QueueOrder
{
    public static IOrderedEnumerable<T> NewestFirst<T>(this IEnumerable<T> items, Func<T, DateTimeOffset> createdAt, Func<T, string> recordNumber) =>
        items.OrderByDescending(createdAt).ThenByDescending(recordNumber, StringComparer.Ordinal);
}
