using System.Collections.Frozen;
using System.Numerics;

namespace Portal.Infrastructure.Captcha;

/// <summary>
/// A single-line stroke font for <see cref="CaptchaCode.Alphabet"/>: every glyph is a few polylines in a
/// <see cref="Width"/> × <see cref="Height"/> box, y pointing down. Strokes (rather than a dot matrix) survive
/// rotation, shear and scaling without turning into blocks, and the renderer can bend them.
/// </summary>
internal static class CaptchaFont
{
    public const float Width = 4;
    public const float Height = 6;

    private static readonly FrozenDictionary<char, Vector2[][]> Glyphs = new Dictionary<char, Vector2[][]>
    {
        ['A'] = [Line((0, 6), (2, 0), (4, 6)), Line((0.7f, 4), (3.3f, 4))],
        ['C'] = [Arc((2, 3), 2, 3, 45, 315)],
        ['D'] = [Join(Line((1.6f, 0), (0, 0), (0, 6), (1.6f, 6)), Arc((1.6f, 3), 2.4f, 3, -90, 90))],
        ['E'] = [Line((4, 0), (0, 0), (0, 6), (4, 6)), Line((0, 3), (3, 3))],
        ['G'] = [Join(Arc((2, 3), 2, 3, 45, 360), Line((2.2f, 3)))],
        ['H'] = [Line((0, 0), (0, 6)), Line((4, 0), (4, 6)), Line((0, 3), (4, 3))],
        ['J'] = [Line((1.4f, 0), (4, 0)), Join(Line((3, 0), (3, 4.4f)), Arc((1.5f, 4.4f), 1.5f, 1.6f, 0, -180))],
        ['K'] = [Line((0, 0), (0, 6)), Line((4, 0), (0, 4)), Line((1.4f, 2.6f), (4, 6))],
        ['M'] = [Line((0, 6), (0, 0), (2, 3.6f), (4, 0), (4, 6))],
        ['N'] = [Line((0, 6), (0, 0), (4, 6), (4, 0))],
        ['P'] = [Join(Line((0, 6), (0, 0), (2.4f, 0)), Arc((2.4f, 1.6f), 1.6f, 1.6f, 90, -90), Line((0, 3.2f)))],
        ['Q'] = [Arc((2, 3), 2, 3, 0, 360), Line((2.4f, 4.2f), (4.2f, 6.4f))],
        ['R'] = [Join(Line((0, 6), (0, 0), (2.4f, 0)), Arc((2.4f, 1.6f), 1.6f, 1.6f, 90, -90), Line((0, 3.2f))), Line((2, 3.2f), (4, 6))],
        ['U'] = [Join(Line((0, 0), (0, 4)), Arc((2, 4), 2, 2, 180, 360), Line((4, 0)))],
        ['V'] = [Line((0, 0), (2, 6), (4, 0))],
        ['W'] = [Line((0, 0), (1, 6), (2, 2), (3, 6), (4, 0))],
        ['X'] = [Line((0, 0), (4, 6)), Line((4, 0), (0, 6))],
        ['Y'] = [Line((0, 0), (2, 3), (4, 0)), Line((2, 3), (2, 6))],
        ['3'] = [Arc((2, 1.5f), 2, 1.5f, 150, -90), Arc((2, 4.5f), 2, 1.5f, 90, -150)],
        ['4'] = [Line((3, 6), (3, 0), (0, 4.2f), (4, 4.2f))],
        ['6'] = [Arc((2, 4.2f), 2, 1.8f, 180, 540), Arc((2.4f, 4.2f), 2.4f, 4.2f, 70, 180)],
        ['7'] = [Line((0, 0), (4, 0), (1.4f, 6))],
        ['9'] = [Arc((2, 1.8f), 2, 1.8f, 0, 360), Arc((1.6f, 1.8f), 2.4f, 4.2f, 0, -110)],
    }.ToFrozenDictionary();

    public static IReadOnlyCollection<char> Characters => Glyphs.Keys;

    /// <summary>The strokes of <paramref name="c"/>, each a polyline.</summary>
    /// <exception cref="ArgumentException">The font has no glyph for <paramref name="c"/>.</exception>
    public static IReadOnlyList<Vector2[]> Strokes(char c) =>
        Glyphs.TryGetValue(c, out var strokes)
            ? strokes
            : throw new ArgumentException($"The captcha font has no glyph for '{c}'.", nameof(c));

    private static Vector2[] Line(params (float X, float Y)[] points) => [.. points.Select(p => new Vector2(p.X, p.Y))];

    private static Vector2[] Join(params Vector2[][] parts) => [.. parts.SelectMany(p => p)];

    /// <summary>Points along an elliptical arc; angles in degrees, counter-clockwise as seen on screen, 0° pointing right.</summary>
    private static Vector2[] Arc((float X, float Y) center, float radiusX, float radiusY, float fromDegrees, float toDegrees)
    {
        var steps = Math.Max(4, (int)MathF.Ceiling(MathF.Abs(toDegrees - fromDegrees) / 15));
        var points = new Vector2[steps + 1];
        for (var i = 0; i <= steps; i++)
        {
            var radians = float.DegreesToRadians(fromDegrees + ((toDegrees - fromDegrees) * i / steps));
            points[i] = new Vector2(center.X + (radiusX * MathF.Cos(radians)), center.Y - (radiusY * MathF.Sin(radians)));
        }

        return points;
    }
}
