using PdfSharp.Drawing;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Photos;

namespace Portal.Infrastructure.Pdf;

/// <summary>
/// The portrait as the PDF embeds it: no more pixels than its box prints at <see cref="DotsPerInch"/>, and upright.
/// PDFsharp embeds a JPEG as it is and ignores EXIF orientation, so a phone photo would make every PDF and its email
/// as large as the photo, and a sideways one would print sideways.
/// </summary>
internal static class PrintedPortrait
{
    public const int DotsPerInch = 300;
    private const int JpegQuality = 90;

    /// <summary>The photo itself when it is upright and fits the box at <see cref="DotsPerInch"/>, so the common case costs no decode.</summary>
    public static Mau01Photo For(Mau01Photo photo, XRect box)
    {
        var inspection = PhotoInspector.Inspect(photo.Bytes);
        if (inspection.Format is not { } format || inspection.Width == 0) return photo;

        var orientation = PhotoMetadataStripper.ReadExifOrientation(photo.Bytes, format);
        var (width, height) = PhotoResampler.SwapsSides(orientation)
            ? (inspection.Height, inspection.Width)
            : (inspection.Width, inspection.Height);
        var boxWidth = Pixels(box.Width);
        var boxHeight = Pixels(box.Height);
        var upright = orientation is null or ExifOrientation.Upright;
        if (upright && width <= boxWidth && height <= boxHeight) return photo;

        using var bitmap = PhotoResampler.DecodeUpright(photo.Bytes, orientation, PhotoResampler.FitWithin(width, height, boxWidth, boxHeight));
        return bitmap is null ? photo : new Mau01Photo(PhotoResampler.EncodeJpeg(bitmap, JpegQuality), PhotoFormat.Jpeg);
    }

    private static int Pixels(double points) => (int)Math.Round(points / 72 * DotsPerInch);
}
