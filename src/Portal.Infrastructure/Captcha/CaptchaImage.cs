using System.Numerics;

namespace Portal.Infrastructure.Captcha;

/// <summary>
/// Draws a "Mã kiểm tra" code as a PNG: stroke glyphs, each scaled, rotated, sheared and displaced at random, the
/// whole picture bent by a wave, over a light gradient with a mid-tone curve behind the text; a light curve cuts
/// through the strokes, a dark wavy line as dark as the text crosses them, and speckles cover everything.
/// Only a raster is produced, so the code never travels as text.
/// </summary>
public static class CaptchaImage
{
    public const int Width = 180;
    public const int Height = 60;

    public const string ContentType = "image/png";

    public const int MaxCodeLength = 6;

    private const float EdgeMargin = 8;
    private const float MaxGap = 12;
    private const float PixelsPerFontUnit = 5.5f;

    /// <param name="code">1 to <see cref="MaxCodeLength"/> characters of <see cref="CaptchaCode.Alphabet"/>.</param>
    /// <param name="seed">Makes the distortion reproducible (tests); random when null.</param>
    public static byte[] RenderPng(string code, int? seed = null)
    {
        var random = seed is { } value ? new Random(value) : new Random();
        return PngEncoder.Encode(Width, Height, RenderPixels(code, random, withNoise: true));
    }

    /// <returns>RGB rows, top to bottom.</returns>
    internal static byte[] RenderPixels(string code, Random random, bool withNoise)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        if (code.Length > MaxCodeLength)
        {
            throw new ArgumentException($"At most {MaxCodeLength} characters fit in a captcha image.", nameof(code));
        }

        var canvas = new CaptchaCanvas(Width, Height);
        canvas.FillGradient(LightColor(random), LightColor(random), new Vector2(1, Between(random, -0.6f, 0.6f)));
        var wave = Wave.Random(random);

        if (withNoise)
        {
            DrawCurve(canvas, SmoothCurve(random), Between(random, 1.0f, 1.3f), wave, MidColor(random), 0.9f);
        }

        DrawText(canvas, code, random, wave);

        if (withNoise)
        {
            // A light line cutting through the strokes breaks them apart for a machine, while a reader bridges the gaps.
            DrawCurve(canvas, SmoothCurve(random), Between(random, 1.2f, 1.6f), wave, LightColor(random), 1);
            DrawCurve(canvas, WavyLine(random), Between(random, 1.1f, 1.4f), wave, DarkColor(random), 0.9f);
            Speckle(canvas, random);
        }

        return canvas.Pixels;
    }

    /// <summary>
    /// Lays the distorted glyphs out left to right by their actual extents, spread over the width: glyphs placed
    /// on a fixed pitch overlap when tilted, and an overlapped U reads as J, a K beside N as A.
    /// </summary>
    private static void DrawText(CaptchaCanvas canvas, string code, Random random, Wave wave)
    {
        var glyphs = code.Select(c => DistortedGlyph.Create(c, random)).ToList();
        var spare = Width - (2 * EdgeMargin) - glyphs.Sum(g => g.Size.X);
        var gap = glyphs.Count > 1 ? MathF.Min(MaxGap, spare / (glyphs.Count - 1)) : 0;
        var gaps = glyphs.Skip(1).Select(_ => gap + Between(random, -2, 2)).ToList();
        var left = (Width - glyphs.Sum(g => g.Size.X) - gaps.Sum()) / 2;

        for (var i = 0; i < glyphs.Count; i++)
        {
            var glyph = glyphs[i];
            var padding = (glyph.Thickness / 2) + wave.MaxDisplacement + 1;
            var topLeft = new Vector2(
                Fit(left, padding, Width - padding - glyph.Size.X),
                Fit(((Height - glyph.Size.Y) / 2) + Between(random, -5, 5), padding, Height - padding - glyph.Size.Y));
            foreach (var stroke in glyph.Strokes)
            {
                DrawPolyline(canvas, stroke.Select(p => p + topLeft), glyph.Thickness, wave);
            }

            canvas.Paint(DarkColor(random));
            left += glyph.Size.X + (i < gaps.Count ? gaps[i] : 0);
        }

        static float Fit(float value, float low, float high) => low <= high ? Math.Clamp(value, low, high) : (low + high) / 2;
    }

    /// <summary>A smooth curve from the left edge to the right one.</summary>
    private static Vector2[] SmoothCurve(Random random)
    {
        var from = new Vector2(Between(random, -10, 15), Between(random, 8, Height - 8));
        var to = new Vector2(Between(random, Width - 15, Width + 10), Between(random, 8, Height - 8));
        var control1 = new Vector2(Between(random, 30, 80), Between(random, -10, Height + 10));
        var control2 = new Vector2(Between(random, 100, 150), Between(random, -10, Height + 10));

        const int Steps = 40;
        return [.. Enumerable.Range(0, Steps + 1).Select(i => Bezier(from, control1, control2, to, i / (float)Steps))];
    }

    /// <summary>
    /// An undulating line across the text. Its waviness, unlike a smooth dark curve, does not pass for the bar of
    /// a letter (a smooth line under a 7 makes it a Z).
    /// </summary>
    private static Vector2[] WavyLine(Random random)
    {
        var startY = Between(random, 18, Height - 18);
        var slope = Between(random, -15, 15) / Width;
        var amplitude = Between(random, 3, 6);
        var frequency = MathF.Tau * Between(random, 2.5f, 4) / Width;
        var phase = Between(random, 0, MathF.Tau);

        const int Steps = 60;
        return [.. Enumerable.Range(0, Steps + 1).Select(i =>
        {
            var x = -5 + ((Width + 10) * i / (float)Steps);
            return new Vector2(x, startY + (slope * x) + (amplitude * MathF.Sin((frequency * x) + phase)));
        })];
    }

    private static void DrawCurve(CaptchaCanvas canvas, Vector2[] points, float thickness, Wave wave, Rgb color, float opacity)
    {
        DrawPolyline(canvas, points, thickness, wave);
        canvas.Paint(color, opacity);
    }

    /// <summary>Draws in short pieces so the wave bends straight strokes too.</summary>
    private static void DrawPolyline(CaptchaCanvas canvas, IEnumerable<Vector2> points, float thickness, Wave wave)
    {
        const float MaxPieceLength = 3;
        Vector2? previous = null;
        foreach (var point in points)
        {
            if (previous is { } from)
            {
                var pieces = Math.Max(1, (int)MathF.Ceiling(Vector2.Distance(from, point) / MaxPieceLength));
                for (var k = 0; k < pieces; k++)
                {
                    canvas.Stroke(
                        wave.Apply(Vector2.Lerp(from, point, k / (float)pieces)),
                        wave.Apply(Vector2.Lerp(from, point, (k + 1) / (float)pieces)),
                        thickness);
                }
            }

            previous = point;
        }
    }

    private static void Speckle(CaptchaCanvas canvas, Random random)
    {
        var count = Width * Height / 40;
        for (var i = 0; i < count; i++)
        {
            var color = random.Next(3) == 0 ? LightColor(random) : MidColor(random);
            canvas.Blend(random.Next(Width), random.Next(Height), color, Between(random, 0.5f, 1));
        }
    }

    private static Vector2 Bezier(Vector2 p0, Vector2 p1, Vector2 p2, Vector2 p3, float t)
    {
        var u = 1 - t;
        return (u * u * u * p0) + (3 * u * u * t * p1) + (3 * u * t * t * p2) + (t * t * t * p3);
    }

    private static Rgb LightColor(Random random) => new(Channel(random, 222, 255), Channel(random, 222, 255), Channel(random, 222, 255));

    private static Rgb MidColor(Random random) => new(Channel(random, 90, 170), Channel(random, 90, 170), Channel(random, 90, 170));

    private static Rgb DarkColor(Random random) => new(Channel(random, 10, 80), Channel(random, 10, 80), Channel(random, 20, 110));

    private static byte Channel(Random random, int min, int max) => (byte)random.Next(min, max + 1);

    private static float Between(Random random, float min, float max) => min + (random.NextSingle() * (max - min));

    /// <summary>A glyph scaled, sheared and rotated at random; its strokes start at (0, 0) and span <see cref="Size"/>.</summary>
    private sealed record DistortedGlyph(IReadOnlyList<Vector2[]> Strokes, Vector2 Size, float Thickness)
    {
        public static DistortedGlyph Create(char c, Random random)
        {
            var scale = PixelsPerFontUnit * Between(random, 0.9f, 1.08f);
            var shape =
                Matrix3x2.CreateTranslation(-CaptchaFont.Width / 2, -CaptchaFont.Height / 2)
                * Matrix3x2.CreateScale(scale * Between(random, 0.8f, 0.95f), scale)
                * Matrix3x2.CreateSkew(Between(random, -0.2f, 0.2f), 0)
                * Matrix3x2.CreateRotation(Between(random, -0.3f, 0.3f));
            var strokes = CaptchaFont.Strokes(c).Select(s => s.Select(p => Vector2.Transform(p, shape)).ToArray()).ToList();
            var points = strokes.SelectMany(s => s).ToList();
            var min = new Vector2(points.Min(p => p.X), points.Min(p => p.Y));
            var max = new Vector2(points.Max(p => p.X), points.Max(p => p.Y));
            return new DistortedGlyph(
                [.. strokes.Select(s => s.Select(p => p - min).ToArray())],
                max - min,
                Between(random, 3.0f, 3.6f));
        }
    }

    /// <summary>A gentle sinusoidal displacement of the whole picture, so glyph baselines and strokes are not straight.</summary>
    private readonly record struct Wave(float AmplitudeX, float FrequencyX, float PhaseX, float AmplitudeY, float FrequencyY, float PhaseY)
    {
        public static Wave Random(Random random) => new(
            Between(random, 1, 2.5f), Between(random, 0.08f, 0.14f), Between(random, 0, MathF.Tau),
            Between(random, 2, 4), Between(random, 0.025f, 0.05f), Between(random, 0, MathF.Tau));

        public Vector2 Apply(Vector2 p) => new(
            p.X + (AmplitudeX * MathF.Sin((p.Y * FrequencyX) + PhaseX)),
            p.Y + (AmplitudeY * MathF.Sin((p.X * FrequencyY) + PhaseY)));

        public float MaxDisplacement => MathF.Max(AmplitudeX, AmplitudeY);
    }
}
