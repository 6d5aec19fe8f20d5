using PdfSharp.Fonts;

namespace Portal.Infrastructure.Pdf;

/// <summary>
/// Serves one Vietnamese-capable serif family to PDFsharp, whatever family name is asked for:
/// Liberation Serif (metric-compatible with Times New Roman, the face of official forms), else
/// DejaVu Serif, else DejaVu Sans. The font files are read once and kept in memory.
/// </summary>
internal sealed class FormFontResolver : IFontResolver
{
    public const string FamilyName = "Portal Form Serif";

    /// <summary>Every precomposed Vietnamese letter a face must have to be chosen.</summary>
    internal const string VietnameseLetters =
        "ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ" +
        "ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ";

    internal static readonly IReadOnlyList<FontFamilyFiles> Candidates =
    [
        new("/usr/share/fonts/truetype/liberation2", "LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf"),
        new("/usr/share/fonts/truetype/liberation", "LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf"),
        new("/usr/share/fonts/truetype/dejavu", "DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf", "DejaVuSerif-BoldItalic.ttf"),
        new("/usr/share/fonts/truetype/dejavu", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf"),
    ];

    private readonly Dictionary<string, byte[]> _bytesByFace;
    private readonly FontResolverInfo[] _infoByStyle;

    private FormFontResolver(Dictionary<string, byte[]> bytesByFace, FontResolverInfo[] infoByStyle)
    {
        _bytesByFace = bytesByFace;
        _infoByStyle = infoByStyle;
    }

    /// <summary>The face files in use, e.g. for a start-up log line.</summary>
    public IReadOnlyCollection<string> FaceFiles => _bytesByFace.Keys;

    public static FormFontResolver Load(IEnumerable<FontFamilyFiles> candidates)
    {
        var tried = new List<string>();
        foreach (var family in candidates)
        {
            var regularPath = Path.Combine(family.Directory, family.Regular);
            tried.Add(regularPath);
            if (!File.Exists(regularPath))
            {
                continue;
            }
            var regular = File.ReadAllBytes(regularPath);
            if (!TrueTypeCoverage.Covers(regular, VietnameseLetters))
            {
                continue;
            }
            return FromFamily(family, regularPath, regular);
        }
        throw new InvalidOperationException(
            "No font with Vietnamese letters was found for the Mẫu 01 PDF. Looked for " + string.Join(", ", tried) +
            ". Install the Debian/Ubuntu package fonts-liberation2 (Liberation Serif 2.x) or fonts-dejavu-core.");
    }

    private static FormFontResolver FromFamily(FontFamilyFiles family, string regularPath, byte[] regular)
    {
        var bytes = new Dictionary<string, byte[]>(StringComparer.Ordinal) { [regularPath] = regular };
        string? Face(string file)
        {
            var path = Path.Combine(family.Directory, file);
            if (bytes.ContainsKey(path))
            {
                return path;
            }
            if (!File.Exists(path))
            {
                return null;
            }
            var face = File.ReadAllBytes(path);
            if (!TrueTypeCoverage.Covers(face, VietnameseLetters))
            {
                return null;
            }
            bytes[path] = face;
            return path;
        }

        var bold = Face(family.Bold);
        var italic = Face(family.Italic);
        var boldItalic = Face(family.BoldItalic);
        var infos = new FontResolverInfo[4];
        infos[Index(false, false)] = new FontResolverInfo(regularPath);
        infos[Index(true, false)] = bold is null ? new FontResolverInfo(regularPath, true, false) : new FontResolverInfo(bold);
        infos[Index(false, true)] = italic is null ? new FontResolverInfo(regularPath, false, true) : new FontResolverInfo(italic);
        infos[Index(true, true)] = (boldItalic, bold, italic) switch
        {
            (not null, _, _) => new FontResolverInfo(boldItalic),
            (null, not null, _) => new FontResolverInfo(bold, false, true),
            (null, null, not null) => new FontResolverInfo(italic, true, false),
            _ => new FontResolverInfo(regularPath, true, true),
        };
        return new FormFontResolver(bytes, infos);
    }

    // Every family name maps to the form face: an XFont created elsewhere with "Times New Roman"
    // must not fail at render time on a Linux host without that font.
    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) => _infoByStyle[Index(bold, italic)];

    public byte[]? GetFont(string faceName) => _bytesByFace.GetValueOrDefault(faceName);

    private static int Index(bool bold, bool italic) => (bold ? 1 : 0) + (italic ? 2 : 0);
}

internal sealed record FontFamilyFiles(string Directory, string Regular, string Bold, string Italic, string BoldItalic);
