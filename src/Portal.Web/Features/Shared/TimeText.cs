using System.Globalization;
using Portal.Domain;

namespace Portal.Web.Features.Shared;

/// <summary>Instants as people in Vietnam read them.</summary>
public static class TimeText
{
    public static string DateTime(DateTimeOffset instant) =>
        VietnamTime.ToLocal(instant).ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset instant) =>
        VietnamTime.ToLocal(instant).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string HourMinute(DateTimeOffset instant) =>
        VietnamTime.ToLocal(instant).ToString("HH:mm 'ngày' dd/MM/yyyy", CultureInfo.InvariantCulture);
}
