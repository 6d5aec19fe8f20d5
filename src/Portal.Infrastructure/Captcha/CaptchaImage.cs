using System.Numerics;

namespace Portal.Infrastructure.Captcha;

/// <summary>
/// Draws a "Mã kiểm tra" code as a PNG: stroke glyphs, each scaled, rotated, sheared and displaced at random,
/// the whole text bent by a wave, crossed by noise curves of the text's own darkness and sprinkled with speckles,
/// over a light gradient. Only a raster is produced, so the code never travels as text.
/// </summary>
public static class CaptchaImage
{
    public const int Width = 180;
    public const int Height = 60;

    public const string ContentType = "image/png";

    public const int MaxCodeLength = 8;

    private const float Margin = 12;
    private const float MaxAdvance = 32;
    private const float PixelsPerFontUnit = 6;

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
            DrawNoiseCurve(canvas, random, wave, Between(random, 1.0f, 1.3f), MidColor(random));
        }

        DrawText(canvas, code, random, wave);

        if (withNoise)
        {
            DrawNoiseCurve(canvas, random, wave, Between(random, 1.1f, 1.5f), DarkColor(random));
            DrawNoiseCurve(canvas, random, wave, Between(random, 1.1f, 1.5f), DarkColor(random));
            Speckle(canvas, random);
        }

        return canvas.Pixels;
    }

    private static void DrawText(CaptchaCanvas canvas, string code, Random random, Wave wave)
    {
        var advance = MathF.Min(MaxAdvance, (Width - (2 * Margin)) / code.Length);
        var start = (Width - (advance * code.Length)) / 2;
        var glyphCenter = new Vector2(CaptchaFont.Width / 2, CaptchaFont.Height / 2);

        for (var i = 0; i < code.Length; i++)
        {
            var scale = PixelsPerFontUnit * Between(random, 0.88f, 1.08f);
            var shape =
                Matrix3x2.CreateTranslation(-glyphCenter)
                * Matrix3x2.CreateScale(scale * Between(random, 0.78f, 0.98f), scale)
                * Matrix3x2.CreateSkew(Between(random, -0.25f, 0.25f), 0)
                * Matrix3x2.CreateRotation(Between(random, -0.35f, 0.35f));
            var strokes = CaptchaFont.Strokes(code[i]).Select(s => s.Select(p => Vector2.Transform(p, shape)).ToArray()).ToList();
            var thickness = Between(random, 3.0f, 3.6f);

            var wanted = new Vector2(start + (advance * (i + 0.5f)) + Between(random, -2, 2), (Height / 2f) + Between(random, -5, 5));
            var offset = KeepInsideFrame(strokes, wanted, (thickness / 2) + wave.MaxDisplacement + 1);
            foreach (var stroke in strokes)
            {
                DrawPolyline(canvas, stroke.Select(p => p + offset), thickness, wave);
            }

            canvas.Paint(DarkColor(random));
        }
    }

    /// <summary>
    /// Where to move a glyph drawn around the origin so its centre lands near <paramref name="wanted"/>
    /// while every point stays <paramref name="padding"/> pixels inside the image: a tilted, tall glyph
    /// pushed up or down at random must not be clipped.
    /// </summary>
    private static Vector2 KeepInsideFrame(IReadOnlyList<Vector2[]> strokes, Vector2 wanted, float padding)
    {
        var points = strokes.SelectMany(s => s).ToList();
        var min = new Vector2(points.Min(p => p.X), points.Min(p => p.Y));
        var max = new Vector2(points.Max(p => p.X), points.Max(p => p.Y));
        var offset = wanted - ((min + max) / 2);
        return new Vector2(
            Fit(offset.X, padding - min.X, Width - padding - max.X),
            Fit(offset.Y, padding - min.Y, Height - padding - max.Y));

        static float Fit(float value, float low, float high) => low <= high ? Math.Clamp(value, low, high) : (low + high) / 2;
    }

    private static void DrawNoiseCurve(CaptchaCanvas canvas, Random random, Wave wave, float thickness, Rgb color)
    {
        var from = new Vector2(Between(random, -10, 15), Between(random, 8, Height - 8));
        var to = new Vector2(Between(random, Width - 15, Width + 10), Between(random, 8, Height - 8));
        var control1 = new Vector2(Between(random, 30, 80), Between(random, -10, Height + 10));
        var control2 = new Vector2(Between(random, 100, 150), Between(random, -10, Height + 10));

        const int Steps = 40;
        var points = Enumerable.Range(0, Steps + 1).Select(i => Bezier(from, control1, control2, to, i / (float)Steps));
        DrawPolyline(canvas, points, thickness, wave);
        canvas.Paint(color, Between(random, 0.75f, 0.95f));
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
