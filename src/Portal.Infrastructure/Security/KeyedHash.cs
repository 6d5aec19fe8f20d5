using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Portal.Infrastructure.Security;

/// <summary>HMAC-SHA256 of a short secret (a captcha or OTP code) as lower-case hex, and its constant-time check.</summary>
public static class KeyedHash
{
    private const int HashSizeInBytes = HMACSHA256.HashSizeInBytes;

    public static string Compute(string text, byte[] key)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Whether <paramref name="text"/> is what <paramref name="storedHash"/> was computed from; false for a malformed hash.</summary>
    public static bool Matches(string text, string storedHash, byte[] key)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(key);
        if (string.IsNullOrEmpty(storedHash)) return false;
        Span<byte> expected = stackalloc byte[HashSizeInBytes];
        var status = Convert.FromHexString(storedHash, expected, out var charsConsumed, out var bytesWritten);
        if (status != OperationStatus.Done || charsConsumed != storedHash.Length || bytesWritten != HashSizeInBytes) return false;
        Span<byte> actual = stackalloc byte[HashSizeInBytes];
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text), actual);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
