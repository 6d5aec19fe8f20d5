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
}
