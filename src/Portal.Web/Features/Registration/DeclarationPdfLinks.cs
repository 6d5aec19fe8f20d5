using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Portal.Web.Features.Registration;

/// <summary>
/// Links to a declaration's PDF that open it without signing in, for the SMS to a guardian: the token
/// names the declaration and expires with the hand-in period (Data Protection's time-limited protector).
/// </summary>
public sealed class DeclarationPdfLinks(IDataProtectionProvider protection, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(10);
    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Portal.DeclarationPdfLink").ToTimeLimitedDataProtector();

    /// <summary>The path (no host) of the PDF with a token, e.g. /ho-so/{id}/mau-01.pdf?ma=…</summary>
    public string PathFor(Guid declarationId)
    {
        var token = _protector.Protect(declarationId.ToByteArray(), clock.GetUtcNow() + Lifetime);
        return $"/ho-so/{declarationId}/mau-01.pdf?ma={WebEncoders.Base64UrlEncode(token)}";
    }

    public bool IsValid(string? token, Guid declarationId)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 400) return false;
        try
        {
            var payload = _protector.Unprotect(WebEncoders.Base64UrlDecode(token), out var expiration);
            return expiration > clock.GetUtcNow() && new Guid(payload) == declarationId;
        }
        catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            return false;
        }
    }
}
