using System.Numerics;

namespace Portal.Infrastructure.Captcha;

internal readonly record struct Rgb(byte R, byte G, byte B);

/// <summary>
/// An RGB raster with one coverage mask: strokes are first accumulated into the mask (taking the maximum, so joints
/// and crossings of one shape do not darken twice) and then painted in one colour with <see cref="Paint"/>.
/// </summary>
internal sealed class CaptchaCanvas(int width, int height)
{
    private readonly float[] _mask = new float[width * height];
    private int _dirtyLeft = int.MaxValue, _dirtyTop = int.MaxValue, _dirtyRight = -1, _dirtyBottom = -1;

    public int Width { get; } = width;
    public int Height { get; } = height;

    /// <summary>Rows top to bottom, 3 bytes a pixel.</summary>
    public byte[] Pixels { get; } = new byte[width * height * 3];

    public void FillGradient(Rgb from, Rgb to, Vector2 direction)
    {
        var unit = Vector2.Normalize(direction);
        var corners = new[] { Vector2.Zero, new(Width, 0), new(0, Height), new(Width, Height) }.Select(c => Vector2.Dot(c, unit)).ToArray();
        var min = corners.Min();
        var span = corners.Max() - min;
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var t = (Vector2.Dot(new Vector2(x + 0.5f, y + 0.5f), unit) - min) / span;
                Set(x, y, Mix(from, to, t));
            }
        }
    }

    /// <summary>Adds a round-capped, anti-aliased line of <paramref name="thickness"/> pixels to the mask.</summary>
    public void Stroke(Vector2 a, Vector2 b, float thickness)
    {
        var reach = (thickness / 2) + 0.5f;
        var left = Math.Max(0, (int)MathF.Floor(MathF.Min(a.X, b.X) - reach));
        var right = Math.Min(Width - 1, (int)MathF.Ceiling(MathF.Max(a.X, b.X) + reach));
        var top = Math.Max(0, (int)MathF.Floor(MathF.Min(a.Y, b.Y) - reach));
        var bottom = Math.Min(Height - 1, (int)MathF.Ceiling(MathF.Max(a.Y, b.Y) + reach));
        if (left > right || top > bottom)
        {
            return;
        }

        var ab = b - a;
        var lengthSquared = ab.LengthSquared();
        for (var y = top; y <= bottom; y++)
        {
            for (var x = left; x <= right; x++)
            {
                var p = new Vector2(x + 0.5f, y + 0.5f);
                var t = lengthSquared > 0 ? Math.Clamp(Vector2.Dot(p - a, ab) / lengthSquared, 0, 1) : 0;
                var coverage = reach - Vector2.Distance(p, a + (t * ab));
                if (coverage > 0)
                {
                    ref var cell = ref _mask[(y * Width) + x];
                    cell = MathF.Max(cell, MathF.Min(coverage, 1));
                }
            }
        }

        _dirtyLeft = Math.Min(_dirtyLeft, left);
        _dirtyRight = Math.Max(_dirtyRight, right);
        _dirtyTop = Math.Min(_dirtyTop, top);
        _dirtyBottom = Math.Max(_dirtyBottom, bottom);
    }

    /// <summary>Blends <paramref name="color"/> over the image where the mask is set, then clears the mask.</summary>
    public void Paint(Rgb color, float opacity = 1)
    {
        for (var y = _dirtyTop; y <= _dirtyBottom; y++)
        {
            for (var x = _dirtyLeft; x <= _dirtyRight; x++)
            {
                ref var cell = ref _mask[(y * Width) + x];
                if (cell > 0)
                {
                    Blend(x, y, color, cell * opacity);
                    cell = 0;
                }
            }
        }

        _dirtyLeft = _dirtyTop = int.MaxValue;
        _dirtyRight = _dirtyBottom = -1;
    }

    public void Blend(int x, int y, Rgb color, float alpha)
    {
        if ((uint)x < (uint)Width && (uint)y < (uint)Height)
        {
            Set(x, y, Mix(Get(x, y), color, alpha));
        }
    }

    private Rgb Get(int x, int y)
    {
        var i = ((y * Width) + x) * 3;
        return new Rgb(Pixels[i], Pixels[i + 1], Pixels[i + 2]);
    }

    private void Set(int x, int y, Rgb color)
    {
        var i = ((y * Width) + x) * 3;
        Pixels[i] = color.R;
        Pixels[i + 1] = color.G;
        Pixels[i + 2] = color.B;
    }

    private static Rgb Mix(Rgb from, Rgb to, float t) =>
        new(Lerp(from.R, to.R, t), Lerp(from.G, to.G, t), Lerp(from.B, to.B, t));

    private static byte Lerp(byte from, byte to, float t) => (byte)MathF.Round(from + ((to - from) * Math.Clamp(t, 0, 1)));
}
