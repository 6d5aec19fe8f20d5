namespace Portal.Infrastructure.Captcha;

/// <summary>One "Mã kiểm tra" shown to one browser. Only the code's keyed hash is stored; it is good for one try within 5 minutes.</summary>
public sealed class CaptchaChallenge
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private CaptchaChallenge()
    {
        Id = CodeHash = string.Empty;
    }

    public CaptchaChallenge(string codeHash, DateTimeOffset now)
    {
        Id = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        CodeHash = codeHash;
        CreatedAt = now;
        ExpiresAt = now + Lifetime;
    }

    public string Id { get; private set; }
    public string CodeHash { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }
}
