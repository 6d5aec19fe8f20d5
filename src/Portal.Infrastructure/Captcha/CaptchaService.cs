using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Security;

namespace Portal.Infrastructure.Captcha;

public sealed record CaptchaOptions(string? FixedCode);

public enum CaptchaVerdict
{
    Passed,
    Failed,
    /// <summary>The right answer to a challenge that an earlier request already used.</summary>
    AnsweredBefore,
}

/// <summary>
/// Issues and checks "Mã kiểm tra" challenges. The code is drawn into a PNG that goes straight into
/// the page; the database keeps only an HMAC of it. A check consumes the challenge whatever the answer,
/// so each image allows one guess. The audio alternative is reached through <see cref="AudioToken"/>, which only
/// the request that issued the challenge can make, and <see cref="CodeForAudioAsync"/>.
/// </summary>
public sealed class CaptchaService(PortalDbContext db, TimeProvider clock, PortalPaths paths, CaptchaOptions options)
{
    // Codes issued in this scope (one request), so that the page can link to their audio; never stored.
    private readonly Dictionary<string, string> _issued = [];

    public async Task<(string ChallengeId, byte[] Png)> IssueAsync(CancellationToken cancellationToken = default)
    {
        // A fixed code may be configured in lower case; it is drawn and spoken as it is compared, in upper case.
        var code = options.FixedCode is { } fixedCode ? CaptchaCode.Normalize(fixedCode) : CaptchaCode.Generate();
        var challenge = new CaptchaChallenge(CaptchaCode.Hash(code, Key()), clock.GetUtcNow());
        db.CaptchaChallenges.Add(challenge);
        await db.SaveChangesAsync(cancellationToken);
        _issued[challenge.Id] = code;
        return (challenge.Id, CaptchaImage.RenderPng(code));
    }

    /// <summary>
    /// The token of the audio link for a challenge issued by this instance (in this request); null for any other.
    /// </summary>
    public string? AudioToken(string? challengeId) =>
        challengeId is not null && _issued.TryGetValue(challengeId, out var code)
            ? CaptchaAudioToken.Protect(challengeId, code, AudioKey())
            : null;

    /// <summary>
    /// The code an audio link speaks: null when the token was not made here, or its challenge is gone, answered or expired.
    /// </summary>
    public async Task<string?> CodeForAudioAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (!CaptchaAudioToken.TryUnprotect(token, AudioKey(), out var challengeId, out var code)) return null;
        var challenge = await db.CaptchaChallenges.AsNoTracking().SingleOrDefaultAsync(c => c.Id == challengeId, cancellationToken);
        if (challenge is null || challenge.UsedAt is not null || challenge.ExpiresAt <= clock.GetUtcNow()) return null;
        return CaptchaCode.Matches(code, challenge.CodeHash, Key()) ? code : null;
    }

    public async Task<bool> TryConsumeAsync(string? challengeId, string? answer, CancellationToken cancellationToken = default) =>
        await CheckAsync(challengeId, answer, cancellationToken) == CaptchaVerdict.Passed;

    /// <summary>
    /// Consumes the challenge and says whether the answer passed. A replayed right answer is not a pass; it is
    /// told apart so that a double-pressed button can be answered with what the first press did.
    /// </summary>
    public async Task<CaptchaVerdict> CheckAsync(string? challengeId, string? answer, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(challengeId) || challengeId.Length > 32 || string.IsNullOrWhiteSpace(answer)) return CaptchaVerdict.Failed;
        var now = clock.GetUtcNow();
        var challenge = await db.CaptchaChallenges.AsNoTracking().SingleOrDefaultAsync(c => c.Id == challengeId, cancellationToken);
        if (challenge is null || challenge.ExpiresAt <= now) return CaptchaVerdict.Failed;
        var right = CaptchaCode.Matches(answer, challenge.CodeHash, Key());
        if (challenge.UsedAt is not null) return right ? CaptchaVerdict.AnsweredBefore : CaptchaVerdict.Failed;
        // Only the request whose update marks the row used may pass: a replayed or parallel answer finds it taken.
        var consumed = await db.CaptchaChallenges
            .Where(c => c.Id == challengeId && c.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), cancellationToken);
        return !right ? CaptchaVerdict.Failed : consumed == 1 ? CaptchaVerdict.Passed : CaptchaVerdict.AnsweredBefore;
    }

    // Read once per data folder: issuing and checking a captcha are on every review page and every Ghi nhận.
    private byte[] Key() => KeyFile.Load(paths, "captcha");

    private byte[] AudioKey() => KeyFile.Load(paths, "captcha-audio");
}
