using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Portal.Web.Features.Registration;

/// <summary>
/// Signed, expiring links to one declaration's Mẫu 01 PDF, for the SMS to a guardian: whoever holds the link
/// opens that PDF, without signing in, until the hand-in period is over. The token is the declaration's id
/// protected by Data Protection with an expiry: it opens no other declaration, cannot be altered or made
/// without the key ring, and every instance sharing the key ring (DESIGN §3) validates it.
/// </summary>
public sealed class DeclarationPdfLinks(IDataProtectionProvider protection, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(10);   // the hand-in period

    /// <summary>The query parameter that carries the token.</summary>
    internal const string TokenParameter = "ma";

    /// <summary>Far longer than any token this class makes; longer input is refused before it is decoded.</summary>
    private const int MaxTokenLength = 512;

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("Portal.Registration.DeclarationPdfLink.v1").ToTimeLimitedDataProtector();

    /// <summary>The path (no host) of the PDF with a token, e.g. /ho-so/{id}/mau-01.pdf?ma=…</summary>
    public string PathFor(Guid declarationId)
    {
        var token = _protector.Protect(declarationId.ToByteArray(), clock.GetUtcNow() + Lifetime);
        return $"{DeclarationFileEndpoints.PdfPath(declarationId)}?{TokenParameter}={WebEncoders.Base64UrlEncode(token)}";
    }

    public bool IsValid(string? token, Guid declarationId)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength) return false;
        try
        {
            var payload = _protector.Unprotect(WebEncoders.Base64UrlDecode(token), out var expiration);
            // Unprotect checks the expiry against the system clock only; the portal's clock decides too,
            // so a test (or a clock that runs ahead) sees the same answer as the purge.
            return expiration > clock.GetUtcNow() && payload.AsSpan().SequenceEqual(declarationId.ToByteArray());
        }
        catch (FormatException)
        {
            return false;
        }
        catch (CryptographicException)
        {
            // Tampered, made with another key ring or purpose, or expired by the system clock.
            return false;
        }
    }
}
