using System.Text.RegularExpressions;

namespace Portal.Domain.Offices;

/// <summary>
/// An office's address and phone as citizens see them: the address trimmed, the phone as its digits
/// (a leading +84 written as 0). Two contacts are equal when citizens would see the same thing.
/// </summary>
public sealed partial record OfficeContact
{
    public const int MaxAddressLength = 300;
    public const int MinPhoneDigits = 8;
    public const int MaxPhoneDigits = 11;

    internal OfficeContact(string? address, string? phone)
    {
        Address = address;
        Phone = phone;
    }

    public string? Address { get; }
    /// <summary>Digits only.</summary>
    public string? Phone { get; }

    public static OfficeContact Of(string? address, string? phone)
    {
        var trimmedAddress = string.IsNullOrWhiteSpace(address) ? null : address.Trim();
        if (trimmedAddress is { Length: > MaxAddressLength })
            throw new DomainRuleException($"An office address has at most {MaxAddressLength} characters.");
        return new OfficeContact(trimmedAddress, PhoneDigits(phone));
    }

    /// <summary>The digits of an office phone, or null for none; throws for text that is no phone number.</summary>
    public static string? PhoneDigits(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return null;
        return TryReadPhone(phone, out var digits)
            ? digits
            : throw new DomainRuleException($"An office phone has {MinPhoneDigits} to {MaxPhoneDigits} digits, written with spaces, dots, dashes and parentheses only, and may start with +84.");
    }

    /// <summary>Whether <paramref name="phone"/> is an office phone number, and its digits if so.</summary>
    public static bool TryReadPhone(string phone, out string digits)
    {
        var trimmed = phone.Trim();
        digits = "";
        if (!PhoneCharacters().IsMatch(trimmed)) return false;
        digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
        if (trimmed.StartsWith('+')) digits = "0" + digits[2..];
        return digits.Length is >= MinPhoneDigits and <= MaxPhoneDigits;
    }

    [GeneratedRegex(@"^(\+84)?[0-9\s.()\-]+$")]
    private static partial Regex PhoneCharacters();
}
