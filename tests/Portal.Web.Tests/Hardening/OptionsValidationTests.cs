using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Hardening;

public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("RateLimits:LoginPerMinute", "0", "RateLimits:LoginPerMinute must be between 1 and 1000000.")]
    [InlineData("RateLimits:CaptchaPerMinute", "-5", "RateLimits:CaptchaPerMinute must be between 1 and 1000000.")]
    [InlineData("Purge:BatchSize", "0", "Purge:BatchSize must be between 1 and 100000.")]
    [InlineData("Purge:AbandonedAfter", "-00:01:00", "Purge:AbandonedAfter must be positive.")]
    [InlineData("Outbox:MaxAttempts", "0", "Outbox:MaxAttempts must be between 1 and 100.")]
    [InlineData("Outbox:FirstRetryDelay", "00:00:00", "Outbox:FirstRetryDelay must be positive.")]
    [InlineData("Jobs:WorkerCount", "500", "Jobs:WorkerCount must be between 1 and 50.")]
    [InlineData("Accounts:SessionCheckInterval", "-00:00:01", "Accounts:SessionCheckInterval must not be negative.")]
    [InlineData("Smtp:Port", "70000", "Smtp:Port must be 1 to 65535.", "Smtp:Host", "smtp.example.vn")]
    public void A_bad_setting_stops_the_start_with_a_message_naming_the_key(string key, string value, string message, string? otherKey = null, string? otherValue = null)
    {
        using var app = new PortalApp { Settings = { [key] = value } };
        if (otherKey is not null) app.Settings[otherKey] = otherValue;

        var e = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains(message, Messages(e));
    }

    [Fact]
    public void A_setting_of_the_wrong_type_stops_the_start_naming_the_key()
    {
        using var app = new PortalApp { Settings = { ["RateLimits:SubmitPerMinute"] = "many" } };

        var e = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains("RateLimits:SubmitPerMinute", Messages(e));
    }

    private static string Messages(Exception e)
    {
        var all = new List<string>();
        for (var x = e; x is not null; x = x.InnerException) all.Add(x.Message);
        if (e is AggregateException aggregate) all.AddRange(aggregate.InnerExceptions.Select(i => i.Message));
        return string.Join(" | ", all);
    }
}
