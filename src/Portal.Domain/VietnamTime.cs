namespace Portal.Domain;

/// <summary>Vietnam's civil time: UTC+7 all year (no daylight saving since 1975), so a fixed offset is exact.</summary>
public static class VietnamTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => instant.ToOffset(Offset);

    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(ToLocal(now).DateTime);
}
