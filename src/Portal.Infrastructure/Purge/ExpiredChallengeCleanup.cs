using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Purge;

/// <summary>
/// Captcha and OTP challenges are worthless once expired; a day later they go, so the tables hold only
/// the last day's. One statement each: the rows are small and nothing else refers to them.
/// </summary>
internal sealed class ExpiredChallengeCleanup(PortalDbContext db, TimeProvider clock)
{
    public static readonly TimeSpan KeptAfterExpiry = TimeSpan.FromDays(1);

    public async Task DeleteAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow() - KeptAfterExpiry;
        await db.CaptchaChallenges.Where(c => c.ExpiresAt < before).ExecuteDeleteAsync(cancellationToken);
        await db.OtpChallenges.Where(c => c.ExpiresAt < before).ExecuteDeleteAsync(cancellationToken);
    }
}
