using System.Buffers.Binary;
using Portal.Infrastructure.Captcha;
using SkiaSharp;

namespace Portal.Infrastructure.Tests.Captcha;

public sealed class CaptchaImageTests
{
    private const int BytesPerPixel = 3;
    private const byte Dark = 110;
    private const byte Light = 190;

    [Fact]
    public void Png_has_the_signature_and_a_header_of_the_expected_size_and_decodes()
    {
        var png = CaptchaImage.RenderPng("AC3DE", seed: 1);

        Assert.True(png.AsSpan().StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "PNG signature");
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal((180, 60), (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))));
        Assert.Equal("IEND", System.Text.Encoding.ASCII.GetString(png, png.Length - 8, 4));
        using var decoded = SKBitmap.Decode(png);
        Assert.NotNull(decoded);
        Assert.Equal((CaptchaImage.Width, CaptchaImage.Height), (decoded.Width, decoded.Height));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Image_shows_dark_text_on_a_light_background(int seed)
    {
        using var bitmap = SKBitmap.Decode(CaptchaImage.RenderPng(CaptchaCode.Generate(), seed));
        var pixels = bitmap.Pixels.Select(p => ((299 * p.Red) + (587 * p.Green) + (114 * p.Blue)) / 1000).ToList();

        var total = pixels.Count;
        var dark = pixels.Count(l => l < Dark);
        var light = pixels.Count(l => l > Light);
        Assert.InRange(dark / (double)total, 0.05, 0.35);
        Assert.InRange(light / (double)total, 0.5, 0.95);
    }

    [Fact]
    public void Same_seed_gives_identical_bytes() =>
        Assert.Equal(CaptchaImage.RenderPng("KM4PQ", seed: 42), CaptchaImage.RenderPng("KM4PQ", seed: 42));

    [Fact]
    public void Without_a_seed_the_same_code_is_drawn_differently_each_time() =>
        Assert.NotEqual(CaptchaImage.RenderPng("KM4PQ"), CaptchaImage.RenderPng("KM4PQ"));

    [Fact]
    public void Different_codes_give_different_images_under_the_same_seed()
    {
        var images = new[] { "KM4PQ", "KM4PR", "ACDEG", "34679" }
            .Select(code => Convert.ToHexString(CaptchaImage.RenderPng(code, seed: 7)))
            .ToList();

        Assert.Equal(images.Count, images.Distinct().Count());
    }

    [Fact]
    public void Every_character_of_the_alphabet_has_a_glyph_that_draws_ink()
    {
        var inkByCharacter = CaptchaCode.Alphabet.ToDictionary(c => c, c => DarkPixelsOfTextAlone(c.ToString(), seed: 11));

        Assert.All(inkByCharacter, pair => Assert.True(pair.Value.Count >= 80, $"'{pair.Key}' drew {pair.Value.Count} dark pixels"));
    }

    [Fact]
    public void No_two_glyphs_draw_the_same_shape()
    {
        var shapes = CaptchaCode.Alphabet.Select(c => DarkPixelsOfTextAlone(c.ToString(), seed: 11)).ToList();

        for (var i = 0; i < shapes.Count; i++)
        {
            for (var j = i + 1; j < shapes.Count; j++)
            {
                var difference = shapes[i].Union(shapes[j]).Count() - shapes[i].Intersect(shapes[j]).Count();
                Assert.True(difference >= 30, $"'{CaptchaCode.Alphabet[i]}' and '{CaptchaCode.Alphabet[j]}' differ in only {difference} pixels");
            }
        }
    }

    [Fact]
    public void The_font_has_a_glyph_for_every_character_of_the_alphabet()
    {
        using var font = new SKFont(CaptchaTypeface.Get());

        Assert.True(font.ContainsGlyphs(CaptchaCode.Alphabet));
        Assert.EndsWith(CaptchaTypeface.FileName, CaptchaTypeface.LoadedFrom);
    }

    [Fact]
    public void A_configured_font_file_that_is_missing_stops_with_a_message_naming_the_package()
    {
        var e = Assert.Throws<InvalidOperationException>(() => CaptchaTypeface.EnsureLoaded("/nonexistent/DejaVuSans-Bold.ttf"));

        Assert.Contains("fonts-dejavu-core", e.Message);
        Assert.Contains("/nonexistent/DejaVuSans-Bold.ttf", e.Message);
    }

    [Fact]
    public void Generated_codes_and_the_longest_codes_render_inside_the_frame()
    {
        for (var i = 0; i < 200; i++)
        {
            var code = i % 2 == 0 ? CaptchaCode.Generate() : (CaptchaCode.Generate() + CaptchaCode.Generate())[..CaptchaImage.MaxCodeLength];
            var pixels = CaptchaImage.RenderPixels(code, new Random(i), withNoise: false);
            var dark = DarkPixels(pixels);

            Assert.NotEmpty(dark);
            Assert.DoesNotContain(dark, p => p.X == 0 || p.Y == 0 || p.X == CaptchaImage.Width - 1 || p.Y == CaptchaImage.Height - 1);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("ACDEGHJ")]
    [InlineData("AB3CD")]
    [InlineData("ac3de")]
    [InlineData("ACDEF")]
    public void Codes_the_font_cannot_draw_or_the_frame_cannot_hold_are_rejected(string code) =>
        Assert.ThrowsAny<ArgumentException>(() => CaptchaImage.RenderPng(code, seed: 1));

    private static HashSet<(int X, int Y)> DarkPixelsOfTextAlone(string code, int seed) =>
        DarkPixels(CaptchaImage.RenderPixels(code, new Random(seed), withNoise: false));

    private static HashSet<(int X, int Y)> DarkPixels(byte[] rgb)
    {
        var dark = new HashSet<(int X, int Y)>();
        for (var i = 0; i < rgb.Length; i += BytesPerPixel)
        {
            if (((299 * rgb[i]) + (587 * rgb[i + 1]) + (114 * rgb[i + 2])) / 1000 < Dark)
            {
                var pixel = i / BytesPerPixel;
                dark.Add((pixel % CaptchaImage.Width, pixel / CaptchaImage.Width));
            }
        }

        return dark;
    }
}
