using System.Globalization;
using System.Text;

namespace Portal.Domain.Text;

public static class VietnameseText
{
    /// <summary>
    /// Folds text for search: no diacritics, "đ" as "d", lower case, every run of
    /// non-alphanumeric characters as one space. "Tp.Hồ Chí Minh" becomes "tp ho chi minh".
    /// </summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return string.Empty;
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && folded.Length > 0) folded.Append(' ');
                pendingSpace = false;
                folded.Append(c is 'đ' or 'Đ' ? 'd' : char.ToLowerInvariant(c));
            }
            else
            {
                pendingSpace = true;
            }
        }
        return folded.ToString();
    }

    /// <summary>The unaccented form used in SMS ("BHXH Quận Đống Đa" becomes "BHXH Quan Dong Da"); case and punctuation are kept.</summary>
    public static string RemoveDiacritics(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var plain = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            plain.Append(c switch { 'đ' => 'd', 'Đ' => 'D', _ => c });
        }
        return plain.ToString().Normalize(NormalizationForm.FormC);
    }
}
