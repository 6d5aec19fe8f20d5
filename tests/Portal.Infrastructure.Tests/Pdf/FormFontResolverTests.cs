using Portal.Infrastructure.Pdf;

namespace Portal.Infrastructure.Tests.Pdf;

public sealed class FormFontResolverTests
{
    [Fact]
    public void Without_any_font_loading_fails_and_names_the_packages_to_install()
    {
        var empty = Directory.CreateTempSubdirectory("portal-nofonts-").FullName;
        try
        {
            var error = Assert.Throws<InvalidOperationException>(() => FormFontResolver.Load(
                [new FontFamilyFiles(empty, "LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf")]));

            Assert.Contains("fonts-liberation2", error.Message, StringComparison.Ordinal);
            Assert.Contains("fonts-dejavu-core", error.Message, StringComparison.Ordinal);
            Assert.Contains(empty, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public void A_family_without_Vietnamese_letters_is_passed_over_for_the_next()
    {
        var directory = Directory.CreateTempSubdirectory("portal-fonts-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(directory, "Latin-Regular.ttf"), FontWithAsciiOnly());
            var dejaVu = new FontFamilyFiles("/usr/share/fonts/truetype/dejavu", "DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf", "DejaVuSerif-BoldItalic.ttf");

            var resolver = FormFontResolver.Load([new FontFamilyFiles(directory, "Latin-Regular.ttf", "x.ttf", "y.ttf", "z.ttf"), dejaVu]);

            Assert.All(resolver.FaceFiles, file => Assert.StartsWith("/usr/share/fonts/truetype/dejavu/DejaVuSerif", file, StringComparison.Ordinal));
            var boldItalic = resolver.ResolveTypeface("Times New Roman", bold: true, italic: true);
            Assert.Equal("/usr/share/fonts/truetype/dejavu/DejaVuSerif-BoldItalic.ttf", boldItalic.FaceName);
            Assert.NotNull(resolver.GetFont(boldItalic.FaceName));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Coverage_reads_the_cmap_of_real_and_minimal_fonts()
    {
        var dejaVu = File.ReadAllBytes("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf");
        var ascii = FontWithAsciiOnly();

        Assert.True(TrueTypeCoverage.Covers(dejaVu, FormFontResolver.VietnameseLetters));
        Assert.False(TrueTypeCoverage.Covers(dejaVu, "中"));
        Assert.True(TrueTypeCoverage.Covers(ascii, "Nguyen Thi"));
        Assert.False(TrueTypeCoverage.Covers(ascii, "Nguyễn"));
        Assert.False(TrueTypeCoverage.Covers([1, 2, 3], "a"));
    }

    /// <summary>A font file with only a cmap table (format 4) that maps U+0020–U+007E.</summary>
    private static byte[] FontWithAsciiOnly()
    {
        var subtable = new List<ushort>
        {
            4, 32, 0, // format, length (bytes), language
            4, 4, 1, 0, // segCountX2 = 2 segments, searchRange, entrySelector, rangeShift
            0x007E, 0xFFFF, // endCode
            0, // reservedPad
            0x0020, 0xFFFF, // startCode
            unchecked((ushort)-31), 1, // idDelta: U+0020 -> glyph 1
            0, 0, // idRangeOffset
        };
        var cmap = new List<byte>();
        void U16(List<byte> to, ushort value) => to.AddRange([(byte)(value >> 8), (byte)value]);
        void U32(List<byte> to, uint value) { U16(to, (ushort)(value >> 16)); U16(to, (ushort)value); }
        U16(cmap, 0);
        U16(cmap, 1);
        U16(cmap, 3);
        U16(cmap, 1);
        U32(cmap, 12);
        subtable.ForEach(value => U16(cmap, value));

        var font = new List<byte>();
        U32(font, 0x00010000);
        U16(font, 1);
        U16(font, 16);
        U16(font, 0);
        U16(font, 0);
        font.AddRange("cmap"u8.ToArray());
        U32(font, 0);
        U32(font, 28);
        U32(font, (uint)cmap.Count);
        font.AddRange(cmap);
        return [.. font];
    }
}
