using SkiaSharp;

namespace Portal.Infrastructure.Tests.Photos;

/// <summary>Photos drawn in code with SkiaSharp, so no large binary fixture is committed.</summary>
internal static class TestImages
{
    /// <summary>A gradient with grain (grain is what makes a phone photo large), a red square in the top-left corner as stored.</summary>
    public static byte[] Jpeg(int width, int height, int quality = 90, int grain = 24) =>
        Encode(Draw(width, height, grain), SKEncodedImageFormat.Jpeg, quality);

    public static byte[] Png(int width, int height, int grain = 24) =>
        Encode(Draw(width, height, grain), SKEncodedImageFormat.Png, 100);

    /// <summary>The JPEG with an EXIF segment carrying <paramref name="orientation"/> (and a camera make) right after SOI.</summary>
    public static byte[] WithExifOrientation(byte[] jpeg, ushort orientation) =>
        TestJpeg.InsertAt(jpeg, 2, TestExif.JpegSegment(TestExif.Tiff(littleEndian: true, orientation)));

    public static SKBitmap Decode(byte[] bytes) => SKBitmap.Decode(bytes) ?? throw new InvalidOperationException("Not decodable.");

    public static bool IsRed(SKColor color) => color.Red > 180 && color.Green < 90 && color.Blue < 90;

    public static int MarkerSize(int width, int height) => Math.Min(width, height) / 5;

    private static SKBitmap Draw(int width, int height, int grain)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var pixels = bitmap.GetPixelSpan();
        var random = new Random(width * 31 + height);
        var noise = new byte[width];
        var marker = MarkerSize(width, height);
        for (var y = 0; y < height; y++)
        {
            random.NextBytes(noise);
            var row = pixels.Slice(y * width * 4, width * 4);
            for (var x = 0; x < width; x++)
            {
                var jitter = (noise[x] * grain / 255) - (grain / 2);
                var inMarker = x < marker && y < marker;
                row[x * 4] = (byte)Math.Clamp(inMarker ? 230 : 60 + (150 * x / width) + jitter, 0, 255);
                row[(x * 4) + 1] = (byte)Math.Clamp(inMarker ? 20 : 90 + (120 * y / height) + jitter, 0, 255);
                row[(x * 4) + 2] = (byte)Math.Clamp(inMarker ? 20 : 140 + jitter, 0, 255);
                row[(x * 4) + 3] = 255;
            }
        }
        return bitmap;
    }

    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality)
    {
        using (bitmap)
        using (var image = SKImage.FromBitmap(bitmap))
        using (var data = image.Encode(format, quality))
            return data.ToArray();
    }
}
