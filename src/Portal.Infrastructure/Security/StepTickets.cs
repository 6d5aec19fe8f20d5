using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Portal.Infrastructure.Security;

/// <summary>
/// A value a page hands to its own next step (in a hidden field or a cookie) without the browser being able to
/// read or change it: encrypted and authenticated with Data Protection (keys shared by the instances), for one
/// purpose, and good until a time of the <see cref="TimeProvider"/>.
/// </summary>
public sealed class StepTickets(IDataProtectionProvider protection, TimeProvider clock)
{
    public string Protect(string purpose, string value, TimeSpan lifetime)
    {
        var expires = (clock.GetUtcNow() + lifetime).ToUnixTimeMilliseconds();
        return Protector(purpose).Protect(expires.ToString(CultureInfo.InvariantCulture) + "\n" + value);
    }

    /// <summary>The value, or null for a missing, altered, foreign or expired ticket.</summary>
    public string? Unprotect(string purpose, string? ticket)
    {
        if (string.IsNullOrEmpty(ticket) || ticket.Length > 4000) return null;
        string text;
        try
        {
            text = Protector(purpose).Unprotect(ticket);
        }
        catch (CryptographicException)
        {
            return null;
        }
        var newline = text.IndexOf('\n');
        return newline > 0
            && long.TryParse(text.AsSpan(0, newline), NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            && clock.GetUtcNow().ToUnixTimeMilliseconds() < expires
                ? text[(newline + 1)..]
                : null;
    }

    private IDataProtector Protector(string purpose) => protection.CreateProtector("Portal.StepTickets", purpose);
}
