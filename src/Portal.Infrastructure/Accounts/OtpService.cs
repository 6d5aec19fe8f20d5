using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Infrastructure.Outbox;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Security;

namespace Portal.Infrastructure.Accounts;

public enum OtpIssue
{
    /// <summary>A code is on its way to the account's phone.</summary>
    Sent,
    /// <summary>The account has no phone: a code was stored, but nobody receives it.</summary>
    NoPhone,
    /// <summary><see cref="OtpService.MaxPerHour"/> codes of this purpose were sent in the last hour: none now.</summary>
    TooMany,
}

public enum OtpCheck
{
    /// <summary>The right code, in time: now spent.</summary>
    Accepted,
    /// <summary>A wrong code; it counted as one of the challenge's attempts.</summary>
    Wrong,
    /// <summary>No code to check against: none issued, expired, three attempts used, already used, or replaced.</summary>
    Spent,
}

/// <summary>
/// Issues and checks the 6-digit codes sent by SMS (<see cref="OtpChallenge"/>). The SMS is queued in the
/// outbox in the same transaction as the challenge. The code is written in that SMS only: the database keeps
/// its keyed hash, and no log line or page carries it.
/// </summary>
public sealed class OtpService(PortalDbContext db, TimeProvider clock, OutboxTrigger outbox, PortalPaths paths, ILogger<OtpService> logger)
{
    /// <summary>Codes of one purpose an account may receive within an hour: SMS cost money and land on a person's phone.</summary>
    public const int MaxPerHour = 5;

    public async Task<OtpIssue> IssueAsync(PortalUser user, OtpPurpose purpose, CancellationToken cancellationToken = default) =>
        await IssueAsync(user.Id, user.PhoneNumber, purpose, cancellationToken);

    /// <summary>
    /// For a user name no account has: the same reads and writes as <see cref="IssueAsync(PortalUser, OtpPurpose, CancellationToken)"/>
    /// under a stand-in id derived from the name, and no SMS, so that neither the answer nor its timing tells whether the account exists.
    /// </summary>
    public Task IssueForUnknownAsync(string userName, OtpPurpose purpose, CancellationToken cancellationToken = default) =>
        IssueAsync(StandInId(userName), null, purpose, cancellationToken);

    /// <summary>The checks of <see cref="VerifyAsync"/> against the stand-in challenge of <see cref="IssueForUnknownAsync"/>: never accepted.</summary>
    public Task<OtpCheck> VerifyForUnknownAsync(string userName, OtpPurpose purpose, string? code, CancellationToken cancellationToken = default) =>
        VerifyAsync(StandInId(userName), purpose, code, cancellationToken);

    private async Task<OtpIssue> IssueAsync(Guid userId, string? phone, OtpPurpose purpose, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var hourAgo = now - TimeSpan.FromHours(1);
        if (await db.OtpChallenges.CountAsync(c => c.UserId == userId && c.Purpose == purpose && c.CreatedAt > hourAgo, cancellationToken) >= MaxPerHour)
            return OtpIssue.TooMany;
        // A newer code replaces the older ones: only the last SMS received is good.
        await db.OtpChallenges
            .Where(c => c.UserId == userId && c.Purpose == purpose && c.UsedAt == null && c.SupersededAt == null && c.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.SupersededAt, now), cancellationToken);
        var code = OtpChallenge.GenerateCode();
        var challenge = new OtpChallenge(userId, purpose, code, Key(), now);
        db.OtpChallenges.Add(challenge);
        if (phone is not null) db.OutboxMessages.Add(AccountMessages.Otp(phone, code, purpose, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("OTP challenge {ChallengeId} for {Purpose} issued", challenge.Id, purpose);
        // Even with no SMS queued: the dispatch this starts competes with the request for the processor (and, on
        // PostgreSQL, enqueuing it is an insert), which made a known mã số's answer measurably slower (13 vs 9.5 ms).
        outbox.MessagesQueued();
        return phone is null ? OtpIssue.NoPhone : OtpIssue.Sent;
    }

    /// <summary>
    /// Checks a code against the account's live challenge of this purpose. Each call counts one attempt with a
    /// conditional update, so however many guesses arrive at once, at most <see cref="OtpChallenge.MaxAttempts"/>
    /// are compared; the right code is consumed by the first request that marks it used.
    /// </summary>
    public async Task<OtpCheck> VerifyAsync(Guid userId, OtpPurpose purpose, string? code, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var challenge = await Live(db.OtpChallenges.AsNoTracking().Where(c => c.UserId == userId && c.Purpose == purpose), now)
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (challenge is null) return OtpCheck.Spent;
        var counted = await Live(db.OtpChallenges.Where(c => c.Id == challenge.Id), now)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.AttemptsUsed, c => c.AttemptsUsed + 1), cancellationToken);
        if (counted == 0) return OtpCheck.Spent;
        if (!challenge.Matches(code?.Trim(), Key()))
        {
            if (challenge.AttemptsUsed + 1 >= OtpChallenge.MaxAttempts)
                logger.LogInformation("OTP challenge {ChallengeId} spent by {Attempts} wrong attempts", challenge.Id, OtpChallenge.MaxAttempts);
            return OtpCheck.Wrong;
        }
        var consumed = await db.OtpChallenges.Where(c => c.Id == challenge.Id && c.UsedAt == null && c.SupersededAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), cancellationToken);
        return consumed == 1 ? OtpCheck.Accepted : OtpCheck.Spent;
    }

    private static IQueryable<OtpChallenge> Live(IQueryable<OtpChallenge> challenges, DateTimeOffset now) =>
        challenges.Where(c => c.UsedAt == null && c.SupersededAt == null && c.ExpiresAt > now && c.AttemptsUsed < OtpChallenge.MaxAttempts);

    private Guid StandInId(string userName) =>
        Guid.ParseExact(KeyedHash.Compute("unknown-account:" + userName.Trim().ToUpperInvariant(), Key())[..32], "N");

    private byte[] Key() => KeyFile.Load(paths, "otp");
}
