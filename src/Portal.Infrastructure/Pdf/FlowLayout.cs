using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Portal.Infrastructure.Pdf;

/// <summary>A piece of text in one font; a leader fills the rest of its line with dots.</summary>
internal readonly record struct TextRun(string Text, XFont Font, bool IsLeader = false)
{
    public static TextRun Leader(XFont font) => new(string.Empty, font, IsLeader: true);
}

internal enum LineAlignment
{
    Left,
    Center,
}

/// <summary>
/// Writes wrapped text top to bottom inside a frame, starting a new page when the next
/// line would cross the bottom edge.
/// </summary>
internal sealed class FlowLayout : IDisposable
{
    private const double MinimumLeaderWidth = 36;
    private const int LinesNeverSplit = 4;
    private const double BaselineRatio = 0.78;

    private readonly PdfDocument _document;
    private readonly Dictionary<XFont, (double Space, double Dot)> _widthsByFont = new(ReferenceEqualityComparer.Instance);
    private XGraphics _graphics;

    private readonly XSize _pageSize;

    public FlowLayout(PdfDocument document, XSize pageSize, XRect frame)
    {
        _document = document;
        _pageSize = pageSize;
        Frame = frame;
        _graphics = NewPage();
        Y = frame.Top;
    }

    public XRect Frame { get; }

    /// <summary>Top of the next line on the current page.</summary>
    public double Y { get; set; }

    public XGraphics Graphics => _graphics;

    public double Measure(string text, XFont font) => _graphics.MeasureString(text, font).Width;

    public void Space(double height) => Y += height;

    /// <summary>Moves to a new page unless <paramref name="height"/> still fits below <see cref="Y"/>.</summary>
    public void KeepTogether(double height)
    {
        if (Y + height > Frame.Bottom && Y > Frame.Top)
        {
            _graphics.Dispose();
            _graphics = NewPage();
            Y = Frame.Top;
        }
    }

    public void Paragraph(IReadOnlyList<TextRun> runs, double lineHeight, LineAlignment alignment = LineAlignment.Left, double indent = 0) =>
        Paragraph(runs, lineHeight, alignment, Frame.Left + indent, Frame.Width - indent);

    /// <summary>
    /// Wraps <paramref name="runs"/> into the column [left, left + width] and draws them from <see cref="Y"/> down;
    /// a paragraph of a few lines moves to the next page whole rather than leave a line behind.
    /// </summary>
    public void Paragraph(IReadOnlyList<TextRun> runs, double lineHeight, LineAlignment alignment, double left, double width)
    {
        var lines = BreakLines(runs, width);
        if (lines.Count <= LinesNeverSplit)
        {
            KeepTogether(lines.Count * lineHeight);
        }
        foreach (var line in lines)
        {
            KeepTogether(lineHeight);
            var shift = alignment == LineAlignment.Center ? (width - line.Width) / 2 : 0;
            DrawLine(line, left + shift, Y + (lineHeight * BaselineRatio));
            Y += lineHeight;
        }
    }

    /// <summary>The horizontal extent of the last line <see cref="Paragraph(IReadOnlyList{TextRun}, double, LineAlignment, double, double)"/> would draw, for underlining.</summary>
    public double LastLineWidth(IReadOnlyList<TextRun> runs, double width) => BreakLines(runs, width)[^1].Width;

    private void DrawLine(Line line, double left, double baseline)
    {
        var pieces = line.Pieces;
        var i = 0;
        while (i < pieces.Count)
        {
            var start = pieces[i];
            if (start.IsLeader)
            {
                var dot = Widths(start.Font).Dot;
                var dots = new string('.', Math.Max(0, (int)Math.Floor(start.Width / dot)));
                _graphics.DrawString(dots, start.Font, XBrushes.Black, left + start.X, baseline, XStringFormats.BaseLineLeft);
                i++;
                continue;
            }
            // Consecutive words in one font go out as one string: fewer operators, and text
            // extraction sees real spaces instead of guessing them from gaps.
            var text = start.Text;
            var j = i + 1;
            while (j < pieces.Count && !pieces[j].IsLeader && ReferenceEquals(pieces[j].Font, start.Font) && pieces[j].SpaceBefore)
            {
                text += " " + pieces[j].Text;
                j++;
            }
            _graphics.DrawString(text, start.Font, XBrushes.Black, left + start.X, baseline, XStringFormats.BaseLineLeft);
            i = j;
        }
    }

    private List<Line> BreakLines(IReadOnlyList<TextRun> runs, double width)
    {
        var lines = new List<Line>();
        var current = new List<Piece>();
        var x = 0.0;

        void Flush()
        {
            lines.Add(new Line(current, x));
            current = [];
            x = 0;
        }

        void Place(string text, XFont font, double pieceWidth, bool spaceBefore)
        {
            var gap = current.Count > 0 && spaceBefore ? Widths(font).Space : 0;
            if (current.Count > 0 && x + gap + pieceWidth > width)
            {
                Flush();
                gap = 0;
            }
            current.Add(new Piece(text, font, x + gap, pieceWidth, spaceBefore, IsLeader: false));
            x += gap + pieceWidth;
        }

        var pendingSpace = false;
        foreach (var run in runs)
        {
            if (run.IsLeader)
            {
                var gap = current.Count > 0 ? Widths(run.Font).Space : 0;
                if (width - x - gap < MinimumLeaderWidth)
                {
                    Flush();
                    gap = 0;
                }
                current.Add(new Piece(string.Empty, run.Font, x + gap, width - x - gap, SpaceBefore: true, IsLeader: true));
                x = width;
                pendingSpace = true;
                continue;
            }

            var words = run.Text.Split(' ');
            for (var w = 0; w < words.Length; w++)
            {
                var word = words[w];
                if (word.Length == 0)
                {
                    pendingSpace = true;
                    continue;
                }
                var spaceBefore = w > 0 || pendingSpace;
                pendingSpace = false;
                var wordWidth = Measure(word, run.Font);
                if (wordWidth <= width)
                {
                    Place(word, run.Font, wordWidth, spaceBefore);
                    continue;
                }
                foreach (var chunk in SplitToFit(word, run.Font, width))
                {
                    Place(chunk, run.Font, Measure(chunk, run.Font), spaceBefore);
                    spaceBefore = false;
                }
            }
            pendingSpace |= run.Text.EndsWith(' ');
        }
        if (current.Count > 0 || lines.Count == 0)
        {
            Flush();
        }
        return lines;
    }

    /// <summary>Cuts a word wider than the column (a long e-mail address) at character boundaries.</summary>
    private IEnumerable<string> SplitToFit(string word, XFont font, double width)
    {
        var start = 0;
        var elements = System.Globalization.StringInfo.ParseCombiningCharacters(word);
        while (start < word.Length)
        {
            var end = start;
            foreach (var boundary in elements.Where(e => e > start).Append(word.Length))
            {
                if (Measure(word[start..boundary], font) > width && end > start)
                {
                    break;
                }
                end = boundary;
            }
            yield return word[start..end];
            start = end;
        }
    }

    private (double Space, double Dot) Widths(XFont font)
    {
        if (!_widthsByFont.TryGetValue(font, out var widths))
        {
            widths = (Measure("x x", font) - Measure("xx", font), Measure("..........", font) / 10);
            _widthsByFont[font] = widths;
        }
        return widths;
    }

    private XGraphics NewPage()
    {
        var page = _document.AddPage();
        page.Width = XUnit.FromPoint(_pageSize.Width);
        page.Height = XUnit.FromPoint(_pageSize.Height);
        return XGraphics.FromPdfPage(page);
    }

    public void Dispose() => _graphics.Dispose();

    private readonly record struct Piece(string Text, XFont Font, double X, double Width, bool SpaceBefore, bool IsLeader);

    private sealed record Line(List<Piece> Pieces, double Width);
}
