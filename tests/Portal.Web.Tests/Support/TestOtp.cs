using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Outbox;
using Portal.Infrastructure.Persistence;

namespace Portal.Web.Tests.Support;

/// <summary>The OTP SMS the portal queued, read from the outbox as a phone would receive them.</summary>
public static partial class TestOtp
{
    public static async Task<List<OutboxMessage>> SmsToAsync(PortalApp app, string phone)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.Channel == OutboxChannel.Sms && m.Recipient == phone).OrderBy(m => m.CreatedAt).ToListAsync();
    }

    /// <summary>The code of the last OTP SMS sent to <paramref name="phone"/>.</summary>
    public static async Task<string> LastCodeAsync(PortalApp app, string phone) =>
        CodeIn(Assert.IsType<OutboxMessage>((await SmsToAsync(app, phone)).LastOrDefault(m => m.Body.StartsWith("BHXHVN: Ma OTP", StringComparison.Ordinal)), exactMatch: false).Body);

    public static string CodeIn(string body) => Code().Match(body) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException($"No OTP in '{body}'");

    /// <summary>A well-formed code that is not <paramref name="code"/>.</summary>
    public static string Other(string code) => ((int.Parse(code, CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    [GeneratedRegex("Ma OTP de [a-z ]+ cua ban la ([0-9]{6}),")]
    private static partial Regex Code();
}
