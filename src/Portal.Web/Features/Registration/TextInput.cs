using System.Globalization;
using System.Text;

namespace Portal.Web.Features.Registration;

/// <summary>How typed text is cleaned before it is kept: Unicode NFC, trimmed, inner whitespace collapsed.</summary>
public static class TextInput
{
    public static string? Clean(string? value)
    {
        if (value is null) return null;
        var normalized = value.Normalize(NormalizationForm.FormC);
        var builder = new StringBuilder(normalized.Length);
        var pendingSpace = false;
        foreach (var c in normalized.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }
            if (pendingSpace) builder.Append(' ');
            pendingSpace = false;
            builder.Append(c);
        }
        return builder.Length == 0 ? null : builder.ToString();
    }

    /// <summary>Zero-width and other invisible format characters, and control characters: they make two equal-looking names differ.</summary>
    public static bool HasInvisibleCharacters(string? value) =>
        value is not null && value.Any(c => char.IsControl(c) && c is not ('\t' or '\r' or '\n')
            || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format);
}
