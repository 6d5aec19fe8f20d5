using System.Security.Cryptography;
using Portal.Infrastructure.Security;

namespace Portal.Infrastructure.Captcha;

/// <summary>
/// The text of a "Mã kiểm tra": generation, normalisation and keyed hashing.
/// The server keeps only <see cref="Hash"/> of the code, never the code itself.
/// </summary>
public static class CaptchaCode
{
    /// <summary>
    /// Upper-case letters and digits without look-alikes: no 0/O, 1/I/L, 2/Z, 5/S, 8/B. Nor F, which reads as E
    /// whenever a noise curve of the image runs along its foot, nor T, which a tilted 7 resembles.
    /// </summary>
    public const string Alphabet = "ACDEGHJKMNPQRUVWXY34679";

    public const int Length = 5;

    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>What the user typed, made comparable: trimmed and upper-case (invariant); "" for null.</summary>
    public static string Normalize(string? input) => (input ?? string.Empty).Trim().ToUpperInvariant();

    /// <summary>HMAC-SHA256 of an already normalised code, as lower-case hex.</summary>
    public static string Hash(string normalizedCode, byte[] key) => KeyedHash.Compute(normalizedCode, key);

    /// <summary>Whether <paramref name="input"/> is the code whose <see cref="Hash"/> is <paramref name="storedHash"/>.</summary>
    public static bool Matches(string? input, string storedHash, byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var normalized = Normalize(input);
        return normalized.Length > 0 && KeyedHash.Matches(normalized, storedHash, key);
    }
}
