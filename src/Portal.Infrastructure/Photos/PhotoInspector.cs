using Portal.Domain.Declarations;

namespace Portal.Infrastructure.Photos;

/// <summary>
/// Judges an uploaded photo by its content alone: magic bytes, then the JPEG marker or PNG chunk structure and the
/// dimensions in its header. Nothing is decoded, so a header that claims a huge image costs nothing to refuse.
/// </summary>
public static class PhotoInspector
{
    public const int MaxDimension = 10_000;
    public const long MaxPixels = 40_000_000;

    /// <summary>Never throws, whatever the bytes.</summary>
    public static PhotoInspection Inspect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) return Refused(null, PhotoProblem.Empty);
        if (bytes.Length > DeclarationPhoto.MaxBytes) return Refused(null, PhotoProblem.TooLarge);
        if (Jpeg.StartsWithStartOfImage(bytes)) return InspectJpeg(bytes);
        if (Png.StartsLikePng(bytes)) return InspectPng(bytes);
        return Refused(null, PhotoProblem.NotJpegOrPng);
    }

    public static string MessageFor(PhotoProblem problem) => problem switch
    {
        PhotoProblem.Empty => "Chưa chọn ảnh.",
        PhotoProblem.TooLarge => $"Ảnh vượt quá {DeclarationPhoto.MaxBytes / (1024 * 1024)} MB.",
        PhotoProblem.NotJpegOrPng => "Ảnh phải là tệp JPEG hoặc PNG.",
        PhotoProblem.Corrupt => "Tệp ảnh bị hỏng hoặc không đọc được.",
        PhotoProblem.TooSmall =>
            $"Ảnh quá nhỏ: cần tối thiểu {DeclarationPhoto.MinDimension}×{DeclarationPhoto.MinDimension} điểm ảnh.",
        PhotoProblem.DimensionsTooLarge =>
            $"Ảnh có kích thước quá lớn (tối đa {MaxDimension} điểm ảnh mỗi chiều và {MaxPixels / 1_000_000} triệu điểm ảnh).",
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, null),
    };

    private static PhotoInspection InspectJpeg(ReadOnlySpan<byte> bytes)
    {
        var position = Jpeg.FirstSegment;
        (int Width, int Height)? frame = null;
        while (Jpeg.TryReadSegment(bytes, position, out var segment))
        {
            if (Jpeg.IsStartOfFrame(segment.Marker) && frame is null)
            {
                if (!Jpeg.TryReadFrameSize(segment.Payload, out var frameWidth, out var frameHeight))
                    return Refused(PhotoFormat.Jpeg, PhotoProblem.Corrupt);
                if (ExceedsLimits(frameWidth, frameHeight))
                    return new PhotoInspection(PhotoFormat.Jpeg, frameWidth, frameHeight, PhotoProblem.DimensionsTooLarge);
                frame = (frameWidth, frameHeight);
            }
            else if (segment.Marker == Jpeg.StartOfScan)
            {
                return frame is { } size
                    && Jpeg.IsValidScanHeader(segment.Payload)
                    && Jpeg.FindEndOfImage(bytes, segment.End) > 0
                    ? Measured(PhotoFormat.Jpeg, size.Width, size.Height)
                    : Refused(PhotoFormat.Jpeg, PhotoProblem.Corrupt);
            }
            else if (Jpeg.IsStandalone(segment.Marker))
            {
                // A second SOI, an EOI before any scan, or a restart marker outside entropy-coded data.
                return Refused(PhotoFormat.Jpeg, PhotoProblem.Corrupt);
            }
            position = segment.End;
        }
        return Refused(PhotoFormat.Jpeg, PhotoProblem.Corrupt);
    }

    private static PhotoInspection InspectPng(ReadOnlySpan<byte> bytes)
    {
        if (!Png.HasSignature(bytes)
            || !Png.TryReadChunk(bytes, Png.SignatureLength, out var header)
            || !Png.TryReadHeader(header, out var width, out var height, out var colourType))
            return Refused(PhotoFormat.Png, PhotoProblem.Corrupt);
        if (ExceedsLimits(width, height))
            return new PhotoInspection(PhotoFormat.Png, width, height, PhotoProblem.DimensionsTooLarge);

        var position = header.End;
        bool sawPalette = false, sawImageData = false;
        while (Png.TryReadChunk(bytes, position, out var chunk))
        {
            switch (chunk.Type)
            {
                case Png.Iend:
                    var complete = sawImageData && (sawPalette || colourType != Png.IndexedColour);
                    return complete ? Measured(PhotoFormat.Png, width, height) : Refused(PhotoFormat.Png, PhotoProblem.Corrupt);
                case Png.Idat:
                    sawImageData = true;
                    break;
                case Png.Plte when !sawImageData:
                    sawPalette = true;
                    break;
                default:
                    // A second IHDR, PLTE after the image data, or a critical chunk no decoder knows.
                    if (chunk.IsCritical) return Refused(PhotoFormat.Png, PhotoProblem.Corrupt);
                    break;
            }
            position = chunk.End;
        }
        return Refused(PhotoFormat.Png, PhotoProblem.Corrupt);
    }

    private static bool ExceedsLimits(int width, int height) =>
        width > MaxDimension || height > MaxDimension || (long)width * height > MaxPixels;

    private static PhotoInspection Measured(PhotoFormat format, int width, int height) =>
        width < DeclarationPhoto.MinDimension || height < DeclarationPhoto.MinDimension
            ? new PhotoInspection(format, width, height, PhotoProblem.TooSmall)
            : new PhotoInspection(format, width, height, null);

    private static PhotoInspection Refused(PhotoFormat? format, PhotoProblem problem) => new(format, 0, 0, problem);
}
