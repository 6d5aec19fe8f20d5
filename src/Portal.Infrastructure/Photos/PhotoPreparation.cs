using Portal.Domain.Declarations;
using SkiaSharp;

namespace Portal.Infrastructure.Photos;

/// <summary>What to store for an accepted photo: the bytes and what they are (a scaled PNG is stored as a JPEG).</summary>
public sealed record PreparedPhoto(byte[] Bytes, PhotoFormat Format, int Width, int Height);

/// <summary>An uploaded photo made ready to store, or the reason it is refused.</summary>
public sealed record PhotoPreparationResult(PreparedPhoto? Photo, PhotoProblem? Problem);

/// <summary>
/// Turns an upload into what is stored: refused by its header before anything is decoded
/// (<see cref="PhotoInspector"/>); kept byte for byte minus its metadata when it is already small
/// (<see cref="PhotoMetadataStripper"/>); otherwise decoded, turned upright, scaled to at most
/// <see cref="MaxLongSide"/> px and re-encoded as a JPEG of at most <see cref="MaxStoredBytes"/>, so a 5 MB phone
/// photo does not make every PDF and email that carries it 5 MB.
/// </summary>
public static class PhotoPreparation
{
    public const int MaxLongSide = 2000;
    public const int MaxStoredBytes = 1024 * 1024;

    private static readonly int[] Qualities = [85, 75, 65, 55];
    private const double ShrinkStep = 0.75;

    public static PhotoPreparationResult Prepare(byte[] upload)
    {
        var inspection = PhotoInspector.Inspect(upload);
        if (!inspection.IsAcceptable) return new(null, inspection.Problem);
        var format = inspection.Format!.Value;

        var stripped = PhotoMetadataStripper.Strip(upload, format);
        if (Math.Max(inspection.Width, inspection.Height) <= MaxLongSide && stripped.Length <= MaxStoredBytes)
            return new(new PreparedPhoto(stripped, format, inspection.Width, inspection.Height), null);

        var scaled = ScaleDown(upload, format, inspection.Width, inspection.Height);
        return scaled is null ? new(null, PhotoProblem.Corrupt) : new(scaled, null);
    }

    private static PreparedPhoto? ScaleDown(byte[] upload, PhotoFormat format, int width, int height)
    {
        var orientation = PhotoMetadataStripper.ReadExifOrientation(upload, format);
        if (PhotoResampler.SwapsSides(orientation)) (width, height) = (height, width);

        var longSide = Math.Max(width, height);
        var shortSide = Math.Min(width, height);
        // Scaling never takes the short side under the minimum the upload had to meet.
        var scale = Math.Min(1, Math.Max(MaxLongSide / (double)longSide, DeclarationPhoto.MinDimension / (double)shortSide));
        while (true)
        {
            var size = new SKSizeI((int)Math.Round(width * scale), (int)Math.Round(height * scale));
            using var bitmap = PhotoResampler.DecodeUpright(upload, orientation, size);
            if (bitmap is null) return null;

            byte[] jpeg = [];
            foreach (var quality in Qualities)
            {
                jpeg = PhotoResampler.EncodeJpeg(bitmap, quality);
                if (jpeg.Length <= MaxStoredBytes) return new PreparedPhoto(jpeg, PhotoFormat.Jpeg, size.Width, size.Height);
            }

            var smaller = scale * ShrinkStep;
            if (Math.Min(width, height) * smaller < DeclarationPhoto.MinDimension)
                return new PreparedPhoto(jpeg, PhotoFormat.Jpeg, size.Width, size.Height);
            scale = smaller;
        }
    }
}
