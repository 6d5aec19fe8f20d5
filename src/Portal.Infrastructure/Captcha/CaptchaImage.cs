using SkiaSharp;

namespace Portal.Infrastructure.Captcha;

/// <summary>
/// Draws a "Mã kiểm tra" code as a PNG with SkiaSharp and DejaVu Sans Bold: each glyph's outline scaled, sheared,
/// rotated and displaced at random, over a light gradient with a mid-tone curve behind the text; a light curve cuts
/// through the strokes and a dark wavy line as dark as the text crosses them; the whole picture is then bent by a
/// wave and covered with speckles. Only a raster is produced, so the code never travels as text.
/// </summary>
public static class CaptchaImage
{
    public const int Width = 180;
    public const int Height = 60;

    public const string ContentType = "image/png";

    public const int MaxCodeLength = 6;

    private const float EdgeMargin = 8;
    private const float MaxGap = 6;
    private const float TextSize = 38;

    /// <param name="code">1 to <see cref="MaxCodeLength"/> characters of <see cref="CaptchaCode.Alphabet"/>.</param>
    /// <param name="seed">Makes the distortion reproducible (tests); random when null.</param>
    public static byte[] RenderPng(string code, int? seed = null)
    {
        var random = seed is { } value ? new Random(value) : new Random();
        using var bitmap = Render(code, random, withNoise: true);
        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <returns>RGB rows, top to bottom (tests look at the pixels without decoding a PNG).</returns>
    internal static byte[] RenderPixels(string code, Random random, bool withNoise)
    {
        using var bitmap = Render(code, random, withNoise);
        var rgba = bitmap.GetPixelSpan();
        var rgb = new byte[Width * Height * 3];
        for (int i = 0, j = 0; i < rgb.Length; i += 3, j += 4)
        {
            rgb[i] = rgba[j];
            rgb[i + 1] = rgba[j + 1];
            rgb[i + 2] = rgba[j + 2];
        }

        return rgb;
    }

    private static SKBitmap Render(string code, Random random, bool withNoise)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        if (code.Length > MaxCodeLength)
            throw new ArgumentException($"At most {MaxCodeLength} characters fit in a captcha image.", nameof(code));
        if (code.FirstOrDefault(c => !CaptchaCode.Alphabet.Contains(c)) is var bad and not '\0')
            throw new ArgumentException($"'{bad}' is not in the captcha alphabet.", nameof(code));

        var info = new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var flat = new SKBitmap(info);
        using (var canvas = new SKCanvas(flat))
        {
            using var background = new SKPaint();
            var slope = Between(random, -0.6f, 0.6f) * Height;
            background.Shader = SKShader.CreateLinearGradient(
                new SKPoint(0, (Height / 2f) - slope), new SKPoint(Width, (Height / 2f) + slope),
                [LightColor(random), LightColor(random)], SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, Width, Height, background);

            if (withNoise) Stroke(canvas, SmoothCurve(random), Between(random, 1.0f, 1.3f), MidColor(random).WithAlpha(230));
            DrawText(canvas, code, random);
            if (withNoise)
            {
                // A light line cutting through the strokes breaks them apart for a machine, while a reader bridges the gaps.
                Stroke(canvas, SmoothCurve(random), Between(random, 1.6f, 2.2f), LightColor(random));
                Stroke(canvas, WavyLine(random), Between(random, 1.8f, 2.4f), DarkColor(random).WithAlpha(230));
            }
        }

        var bent = Bend(flat, Wave.Random(random));
        if (withNoise) Speckle(bent, random);
        return bent;
    }

    /// <summary>
    /// Lays the distorted glyphs out left to right by their actual extents, spread over the width: glyphs placed on
    /// a fixed pitch overlap when tilted, and an overlapped U reads as J, a K beside N as A.
    /// </summary>
    private static void DrawText(SKCanvas canvas, string code, Random random)
    {
        using var font = new SKFont(CaptchaTypeface.Get(), TextSize) { Edging = SKFontEdging.Antialias, Subpixel = true };
        var glyphs = code.Select(c => DistortedGlyph(font, c, random)).ToList();
        try
        {
            var widths = glyphs.Select(g => g.TightBounds.Width).ToList();
            var spare = Width - (2 * EdgeMargin) - widths.Sum();
            var gap = glyphs.Count > 1 ? MathF.Min(MaxGap, spare / (glyphs.Count - 1)) : 0;
            var gaps = glyphs.Skip(1).Select(_ => gap + Between(random, -3, 1)).ToList();
            var left = (Width - widths.Sum() - gaps.Sum()) / 2;
            using var ink = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
            for (var i = 0; i < glyphs.Count; i++)
            {
                var glyph = glyphs[i];
                var bounds = glyph.TightBounds;
                const float Padding = 5;
                var x = Fit(left, Padding, Width - Padding - bounds.Width);
                var y = Fit(((Height - bounds.Height) / 2) + Between(random, -5, 5), Padding, Height - Padding - bounds.Height);
                glyph.Offset(x - bounds.Left, y - bounds.Top);
                ink.Color = DarkColor(random);
                canvas.DrawPath(glyph, ink);
                left += bounds.Width + (i < gaps.Count ? gaps[i] : 0);
            }
        }
        finally
        {
            glyphs.ForEach(g => g.Dispose());
        }

        static float Fit(float value, float low, float high) => low <= high ? Math.Clamp(value, low, high) : (low + high) / 2;
    }

    /// <summary>The glyph's outline scaled, sheared and rotated at random about its centre.</summary>
    private static SKPath DistortedGlyph(SKFont font, char c, Random random)
    {
        var path = font.GetTextPath(c.ToString(), SKPoint.Empty);
        var bounds = path.TightBounds;
        var shape = SKMatrix.CreateTranslation(-bounds.MidX, -bounds.MidY);
        var scale = Between(random, 0.9f, 1.08f);
        shape = shape.PostConcat(SKMatrix.CreateScale(scale * Between(random, 0.8f, 0.95f), scale));
        shape = shape.PostConcat(SKMatrix.CreateSkew(Between(random, -0.2f, 0.2f), 0));
        shape = shape.PostConcat(SKMatrix.CreateRotation(Between(random, -0.3f, 0.3f)));
        path.Transform(shape);
        return path;
    }

    /// <summary>A smooth curve from the left edge to the right one.</summary>
    private static SKPath SmoothCurve(Random random)
    {
        using var path = new SKPathBuilder();
        path.MoveTo(Between(random, -10, 15), Between(random, 8, Height - 8));
        path.CubicTo(
            Between(random, 30, 80), Between(random, -10, Height + 10),
            Between(random, 100, 150), Between(random, -10, Height + 10),
            Between(random, Width - 15, Width + 10), Between(random, 8, Height - 8));
        return path.Detach();
    }

    /// <summary>
    /// An undulating line across the text. Its waviness, unlike a smooth dark curve, does not pass for the bar of a
    /// letter (a smooth line under a 7 makes it a Z).
    /// </summary>
    private static SKPath WavyLine(Random random)
    {
        var startY = Between(random, 18, Height - 18);
        var slope = Between(random, -15, 15) / Width;
        var amplitude = Between(random, 3, 6);
        var frequency = MathF.Tau * Between(random, 2.5f, 4) / Width;
        var phase = Between(random, 0, MathF.Tau);

        const int Steps = 60;
        using var path = new SKPathBuilder();
        for (var i = 0; i <= Steps; i++)
        {
            var x = -5 + ((Width + 10) * i / (float)Steps);
            var y = startY + (slope * x) + (amplitude * MathF.Sin((frequency * x) + phase));
            if (i == 0) path.MoveTo(x, y);
            else path.LineTo(x, y);
        }

        return path.Detach();
    }

    private static void Stroke(SKCanvas canvas, SKPath path, float thickness, SKColor color)
    {
        using (path)
        using (var paint = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = thickness, StrokeCap = SKStrokeCap.Round, Color = color })
        {
            canvas.DrawPath(path, paint);
        }
    }

    /// <summary>Resamples the picture through a gentle sinusoidal displacement, so baselines and strokes are not straight.</summary>
    private static SKBitmap Bend(SKBitmap source, Wave wave)
    {
        var result = new SKBitmap(source.Info);
        var from = source.GetPixelSpan();
        var to = result.GetPixelSpan();
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var (sx, sy) = wave.Source(x + 0.5f, y + 0.5f);
                Sample(from, sx - 0.5f, sy - 0.5f, to.Slice(((y * Width) + x) * 4, 4));
            }
        }

        result.NotifyPixelsChanged();
        return result;
    }

    /// <summary>Bilinear sample of an RGBA raster, edges clamped.</summary>
    private static void Sample(ReadOnlySpan<byte> rgba, float x, float y, Span<byte> pixel)
    {
        x = Math.Clamp(x, 0, Width - 1);
        y = Math.Clamp(y, 0, Height - 1);
        int x0 = (int)x, y0 = (int)y;
        int x1 = Math.Min(x0 + 1, Width - 1), y1 = Math.Min(y0 + 1, Height - 1);
        float fx = x - x0, fy = y - y0;
        for (var channel = 0; channel < 3; channel++)
        {
            var top = (rgba[(((y0 * Width) + x0) * 4) + channel] * (1 - fx)) + (rgba[(((y0 * Width) + x1) * 4) + channel] * fx);
            var bottom = (rgba[(((y1 * Width) + x0) * 4) + channel] * (1 - fx)) + (rgba[(((y1 * Width) + x1) * 4) + channel] * fx);
            pixel[channel] = (byte)MathF.Round((top * (1 - fy)) + (bottom * fy));
        }

        pixel[3] = 255;
    }

    private static void Speckle(SKBitmap bitmap, Random random)
    {
        var pixels = bitmap.GetPixelSpan();
        var count = Width * Height / 40;
        for (var i = 0; i < count; i++)
        {
            var color = random.Next(3) == 0 ? LightColor(random) : MidColor(random);
            var alpha = Between(random, 0.5f, 1);
            var at = ((random.Next(Height) * Width) + random.Next(Width)) * 4;
            pixels[at] = Mix(pixels[at], color.Red, alpha);
            pixels[at + 1] = Mix(pixels[at + 1], color.Green, alpha);
            pixels[at + 2] = Mix(pixels[at + 2], color.Blue, alpha);
        }

        bitmap.NotifyPixelsChanged();

        static byte Mix(byte from, byte to, float t) => (byte)MathF.Round(from + ((to - from) * t));
    }

    private static SKColor LightColor(Random random) => new(Channel(random, 222, 255), Channel(random, 222, 255), Channel(random, 222, 255));

    private static SKColor MidColor(Random random) => new(Channel(random, 90, 170), Channel(random, 90, 170), Channel(random, 90, 170));

    private static SKColor DarkColor(Random random) => new(Channel(random, 10, 80), Channel(random, 10, 80), Channel(random, 20, 110));

    private static byte Channel(Random random, int min, int max) => (byte)random.Next(min, max + 1);

    private static float Between(Random random, float min, float max) => min + (random.NextSingle() * (max - min));

    /// <summary>A gentle sinusoidal displacement of the whole picture.</summary>
    private readonly record struct Wave(float AmplitudeX, float FrequencyX, float PhaseX, float AmplitudeY, float FrequencyY, float PhaseY)
    {
        public static Wave Random(Random random) => new(
            Between(random, 1, 2.5f), Between(random, 0.08f, 0.14f), Between(random, 0, MathF.Tau),
            Between(random, 2, 4), Between(random, 0.025f, 0.05f), Between(random, 0, MathF.Tau));

        /// <summary>Where the pixel at (x, y) of the bent picture comes from.</summary>
        public (float X, float Y) Source(float x, float y) => (
            x - (AmplitudeX * MathF.Sin((y * FrequencyX) + PhaseX)),
            y - (AmplitudeY * MathF.Sin((x * FrequencyY) + PhaseY)));
    }
}
