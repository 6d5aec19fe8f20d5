using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Portal.Infrastructure.Captcha;

/// <summary>
/// What the audio link of a captcha carries: its challenge and code, encrypted and authenticated (AES-GCM) with a key
/// of the data folder, so that any instance can speak the code without the database ever holding it, and the page
/// holds the code no more readably than in its image.
/// </summary>
internal static class CaptchaAudioToken
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    /// <summary>Longest token accepted: a challenge id (32), a separator and a code, with nonce and tag, in base64url.</summary>
    public const int MaxLength = 128;

    public static string Protect(string challengeId, string code, byte[] key)
    {
        var plain = Encoding.ASCII.GetBytes($"{challengeId}:{code}");
        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length));
        return Base64Url.EncodeToString(sealedBytes);
    }

    public static bool TryUnprotect(string? token, byte[] key, out string challengeId, out string code)
    {
        (challengeId, code) = (string.Empty, string.Empty);
        if (string.IsNullOrEmpty(token) || token.Length > MaxLength || !Base64Url.IsValid(token)) return false;
        var sealedBytes = Base64Url.DecodeFromChars(token);
        if (sealedBytes.Length <= NonceSize + TagSize) return false;
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length), plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }

        var parts = Encoding.ASCII.GetString(plain).Split(':');
        if (parts.Length != 2) return false;
        (challengeId, code) = (parts[0], parts[1]);
        return true;
    }
}
