using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace Portal.Infrastructure.Delivery;

/// <summary>
/// The HTML alternative of a plain-text email: the same text, encoded, one paragraph per block
/// separated by a blank line, a line break for a single newline.
/// </summary>
internal static partial class EmailHtmlBody
{
    // Every Unicode range allowed: Vietnamese stays readable text instead of numeric entities.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Render(string subject, string text)
    {
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(Encoder.Encode(subject))
            .Append("</title>\n</head>\n<body>\n");
        foreach (var paragraph in BlankLines().Split(text.ReplaceLineEndings("\n").Trim('\n')))
        {
            if (paragraph.Trim().Length == 0) continue;
            html.Append("<p>")
                .AppendJoin("<br>\n", paragraph.Split('\n').Select(Encoder.Encode))
                .Append("</p>\n");
        }
        return html.Append("</body>\n</html>\n").ToString();
    }

    [GeneratedRegex(@"\n[ \t]*\n\s*")]
    private static partial Regex BlankLines();
}
