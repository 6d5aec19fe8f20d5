using Portal.Infrastructure.Captcha;

namespace Portal.Infrastructure.Tests.Captcha;

public sealed class CaptchaImageTests
{
    private const int BytesPerPixel = 3;
    private const byte Dark = 110;
    private const byte Light = 190;

    [Fact]
    public void Png_has_signature_header_image_data_and_end_with_valid_crcs()
    {
        var png = PngFile.Parse(CaptchaImage.RenderPng("AC3DE", seed: 1));

        Assert.Equal("IHDR", png.Chunks[0].Type);
        Assert.Equal("IEND", png.Chunks[^1].Type);
        Assert.Empty(png.Chunks[^1].Data);
        Assert.Contains(png.Chunks, c => c.Type == "IDAT");
        Assert.All(png.Chunks, c => Assert.Equal(c.ComputedCrc, c.StoredCrc));
        Assert.Equal((CaptchaImage.Width, CaptchaImage.Height), (png.Width, png.Height));
        Assert.Equal((180, 60), (png.Width, png.Height));
        Assert.Equal((8, 2), ((int)png.BitDepth, (int)png.ColorType));
    }

    [Fact]
    public void Image_data_inflates_to_one_filter_byte_and_one_rgb_row_per_line()
    {
        var png = PngFile.Parse(CaptchaImage.RenderPng("AC3DE", seed: 2));

        Assert.Equal(png.Height * (1 + (png.Width * BytesPerPixel)), png.InflateImageData().Length);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Image_shows_dark_text_on_a_light_background(int seed)
    {
        var pixels = PngFile.Parse(CaptchaImage.RenderPng(CaptchaCode.Generate(), seed)).Luminance(BytesPerPixel);

        var total = pixels.Length;
        var dark = pixels.Cast<byte>().Count(l => l < Dark);
        var light = pixels.Cast<byte>().Count(l => l > Light);
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
    public void The_font_covers_exactly_the_alphabet() =>
        Assert.Equal(CaptchaCode.Alphabet.Order(), CaptchaFont.Characters.Order());

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
