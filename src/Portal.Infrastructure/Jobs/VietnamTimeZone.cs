namespace Portal.Infrastructure.Jobs;

/// <summary>Vietnam's time zone, in which the jobs' schedules are written.</summary>
public static class VietnamTimeZone
{
    public const string Id = "Asia/Ho_Chi_Minh";

    public static readonly TimeZoneInfo Instance = Find();

    private static TimeZoneInfo Find()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(Id);
        }
        catch (TimeZoneNotFoundException)
        {
            // No tz database in the image: Vietnam is UTC+7 all year.
            return TimeZoneInfo.CreateCustomTimeZone(Id, Domain.VietnamTime.Offset, Id, Id);
        }
    }
}
