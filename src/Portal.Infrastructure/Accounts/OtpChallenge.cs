using System.Security.Cryptography;
using Portal.Infrastructure.Security;

namespace Portal.Infrastructure.Accounts;

/// <summary>What an OTP confirms; a code of one purpose never confirms another.</summary>
public enum OtpPurpose
{
    ChangePassword,
    ResetPassword,
}

/// <summary>
/// One 6-digit code sent by SMS to an account's phone. Only an HMAC of the code, bound to this challenge's id,
/// is stored. It is good for <see cref="Lifetime"/>, allows <see cref="MaxAttempts"/> guesses, is consumed by the
/// right one, and ends when a newer code of the same purpose is issued to the same account.
/// </summary>
public sealed class OtpChallenge
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    public const int MaxAttempts = 3;
    public const int CodeLength = 6;

    private OtpChallenge()
    {
        CodeHash = string.Empty;
    }

    public OtpChallenge(Guid userId, OtpPurpose purpose, string code, byte[] key, DateTimeOffset now)
    {
        if (!IsWellFormed(code)) throw new ArgumentException("An OTP is 6 digits.", nameof(code));
        Id = Guid.CreateVersion7(now);
        UserId = userId;
        Purpose = purpose;
        CodeHash = Hash(Id, code, key);
        CreatedAt = now;
        ExpiresAt = now + Lifetime;
    }

    public Guid Id { get; private set; }
    /// <summary>The account; for an unknown mã số a stand-in id no account has (see <see cref="OtpService"/>).</summary>
    public Guid UserId { get; private set; }
    public OtpPurpose Purpose { get; private set; }
    public string CodeHash { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    /// <summary>Guesses counted so far, right or wrong; counted in the database, so parallel guesses add up.</summary>
    public int AttemptsUsed { get; private set; }
    /// <summary>When the right code was entered: the code is spent.</summary>
    public DateTimeOffset? UsedAt { get; private set; }
    /// <summary>When a newer code of the same purpose replaced this one.</summary>
    public DateTimeOffset? SupersededAt { get; private set; }

    /// <summary>A uniformly random code of 6 digits, leading zeros kept.</summary>
    public static string GenerateCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    public static bool IsWellFormed(string? code) => code is { Length: CodeLength } && code.All(char.IsAsciiDigit);

    public bool Matches(string? code, byte[] key) => IsWellFormed(code) && KeyedHash.Matches(Message(Id, code!), CodeHash, key);

    private static string Hash(Guid id, string code, byte[] key) => KeyedHash.Compute(Message(id, code), key);

    // Bound to the challenge: the same code sent twice has two unrelated hashes.
    private static string Message(Guid id, string code) => $"{id:N}:{code}";
}
