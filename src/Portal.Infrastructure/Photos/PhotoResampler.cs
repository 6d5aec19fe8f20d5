using SkiaSharp;

namespace Portal.Infrastructure.Photos;

/// <summary>
/// Decodes a JPEG or PNG upright and no larger than asked, and writes pixels as a JPEG without metadata. A JPEG is
/// decoded at 1/2, 1/4 or 1/8 of its size when that still covers the target, which costs a fraction of a full decode.
/// </summary>
internal static class PhotoResampler
{
    private static readonly float[] DecoderScales = [1 / 8f, 1 / 4f, 1 / 2f];

    /// <summary>
    /// The photo turned upright by its EXIF <paramref name="orientation"/> (SkiaSharp's decoder ignores it) and scaled
    /// to <paramref name="size"/>, which is in upright terms; transparency is flattened onto white, as a JPEG has none.
    /// Null when the pixels cannot be decoded.
    /// </summary>
    public static SKBitmap? DecodeUpright(byte[] bytes, int? orientation, SKSizeI size)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null) return null;

        var turned = SwapsSides(orientation);
        var needed = turned ? new SKSizeI(size.Height, size.Width) : size;
        using var decoded = Decode(codec, needed);
        if (decoded is null) return null;

        var upright = new SKBitmap(new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(upright);
        canvas.Clear(SKColors.White);
        var unturned = turned ? new SKSizeI(size.Height, size.Width) : size;
        canvas.Concat(Orientation(orientation, unturned.Width, unturned.Height));
        canvas.Scale(unturned.Width / (float)decoded.Width, unturned.Height / (float)decoded.Height);
        using var image = SKImage.FromBitmap(decoded);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        canvas.Flush();
        return upright;
    }

    /// <summary>A baseline JPEG carrying nothing but pixels: no EXIF, no comments.</summary>
    public static byte[] EncodeJpeg(SKBitmap bitmap, int quality)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var encoded = image.Encode(SKEncodedImageFormat.Jpeg, quality);
        return encoded.ToArray();
    }

    /// <summary>Orientations 5 to 8 store the picture lying on its side: its stored width is its upright height.</summary>
    public static bool SwapsSides(int? orientation) => orientation is >= 5 and <= 8;

    /// <summary>The largest size at most <paramref name="maxWidth"/> × <paramref name="maxHeight"/> with the aspect ratio of <paramref name="width"/> × <paramref name="height"/>; the size itself when it fits.</summary>
    public static SKSizeI FitWithin(int width, int height, int maxWidth, int maxHeight)
    {
        var scale = Math.Min(1, Math.Min(maxWidth / (double)width, maxHeight / (double)height));
        return new SKSizeI(Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }

    private static SKBitmap? Decode(SKCodec codec, SKSizeI needed)
    {
        var dimensions = codec.Info.Size;
        foreach (var scale in DecoderScales)
        {
            var scaled = codec.GetScaledDimensions(scale);
            if (scaled.Width >= needed.Width && scaled.Height >= needed.Height && scaled.Width < dimensions.Width)
            {
                dimensions = scaled;
                break;
            }
        }

        var bitmap = new SKBitmap(new SKImageInfo(dimensions.Width, dimensions.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var result = codec.GetPixels(bitmap.Info, bitmap.GetPixels());
        if (result == SKCodecResult.Success) return bitmap;
        bitmap.Dispose();
        return null;
    }

    /// <summary>Maps a picture of <paramref name="width"/> × <paramref name="height"/> as stored onto its upright position (EXIF 2.32, tag 0x0112).</summary>
    private static SKMatrix Orientation(int? orientation, float width, float height) => orientation switch
    {
        2 => new SKMatrix(-1, 0, width, 0, 1, 0, 0, 0, 1),
        3 => new SKMatrix(-1, 0, width, 0, -1, height, 0, 0, 1),
        4 => new SKMatrix(1, 0, 0, 0, -1, height, 0, 0, 1),
        5 => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        6 => new SKMatrix(0, -1, height, 1, 0, 0, 0, 0, 1),
        7 => new SKMatrix(0, -1, height, -1, 0, width, 0, 0, 1),
        8 => new SKMatrix(0, 1, 0, -1, 0, width, 0, 0, 1),
        _ => SKMatrix.Identity,
    };
}
