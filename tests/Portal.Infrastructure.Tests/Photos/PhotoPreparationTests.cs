using System.Buffers.Binary;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Photos;

namespace Portal.Infrastructure.Tests.Photos;

public sealed class PhotoPreparationTests
{
    [Fact]
    public void A_5_MB_4000x3000_JPEG_is_stored_as_a_JPEG_of_at_most_2000_px_and_1_MiB()
    {
        var upload = TestImages.Jpeg(4000, 3000, quality: 92, grain: 36);
        Assert.InRange(upload.Length, 4_000_000, DeclarationPhoto.MaxBytes);

        var prepared = Prepared(upload);

        Assert.Equal((PhotoFormat.Jpeg, 2000, 1500), (prepared.Format, prepared.Width, prepared.Height));
        Assert.InRange(prepared.Bytes.Length, 1, PhotoPreparation.MaxStoredBytes);
        Assert.Equal(new PhotoInspection(PhotoFormat.Jpeg, 2000, 1500, null), PhotoInspector.Inspect(prepared.Bytes));
    }

    [Fact]
    public void A_sideways_photo_with_EXIF_orientation_6_is_stored_upright_without_EXIF()
    {
        // Stored 2400×1800 lying on its side; the camera says "turn 90° clockwise", which puts the stored top-left corner top-right.
        var upload = TestImages.WithExifOrientation(TestImages.Jpeg(2400, 1800), 6);

        var prepared = Prepared(upload);

        Assert.Equal((PhotoFormat.Jpeg, 1500, 2000), (prepared.Format, prepared.Width, prepared.Height));
        Assert.Null(PhotoMetadataStripper.ReadExifOrientation(prepared.Bytes, PhotoFormat.Jpeg));
        Assert.DoesNotContain(TestJpeg.HeaderSegments(prepared.Bytes), segment => segment.Marker == TestJpeg.App1);
        Assert.False(TestExif.Contains(prepared.Bytes, "Canon"));
        using var stored = TestImages.Decode(prepared.Bytes);
        Assert.Equal((1500, 2000), (stored.Width, stored.Height));
        var inset = TestImages.MarkerSize(prepared.Width, prepared.Height) / 2;
        Assert.True(TestImages.IsRed(stored.GetPixel(prepared.Width - inset, inset)), "the marker should be top-right");
        Assert.False(TestImages.IsRed(stored.GetPixel(inset, inset)), "the top-left should not be the marker");
    }

    [Theory]
    [InlineData(1, false, false, false)]
    [InlineData(2, false, true, false)]
    [InlineData(3, false, true, true)]
    [InlineData(4, false, false, true)]
    [InlineData(5, true, false, false)]
    [InlineData(6, true, true, false)]
    [InlineData(7, true, true, true)]
    [InlineData(8, true, false, true)]
    public void Each_of_the_eight_EXIF_orientations_is_applied_when_a_photo_is_scaled(int orientation, bool turned, bool markerRight, bool markerBottom)
    {
        // The marker is top-left as stored; its corner and the stored sides after scaling tell the eight orientations apart.
        var upload = TestImages.WithExifOrientation(TestImages.Jpeg(2400, 1800), (ushort)orientation);

        var prepared = Prepared(upload);

        Assert.Equal(turned ? (1500, 2000) : (2000, 1500), (prepared.Width, prepared.Height));
        Assert.Null(PhotoMetadataStripper.ReadExifOrientation(prepared.Bytes, PhotoFormat.Jpeg));
        using var stored = TestImages.Decode(prepared.Bytes);
        var inset = TestImages.MarkerSize(prepared.Width, prepared.Height) / 2;
        var x = markerRight ? prepared.Width - inset : inset;
        var y = markerBottom ? prepared.Height - inset : inset;
        Assert.True(TestImages.IsRed(stored.GetPixel(x, y)), $"orientation {orientation}: the marker should be at ({x}, {y})");
        Assert.False(TestImages.IsRed(stored.GetPixel(prepared.Width - x, prepared.Height - y)), $"orientation {orientation}: not in the opposite corner");
    }

    [Fact]
    public void A_photo_over_1_MiB_within_2000_px_is_re_encoded_at_its_size()
    {
        var upload = TestImages.Png(1600, 1200, grain: 60);
        Assert.True(upload.Length > PhotoPreparation.MaxStoredBytes, $"{upload.Length} bytes");

        var prepared = Prepared(upload);

        Assert.Equal((PhotoFormat.Jpeg, 1600, 1200), (prepared.Format, prepared.Width, prepared.Height));
        Assert.InRange(prepared.Bytes.Length, 1, PhotoPreparation.MaxStoredBytes);
        Assert.Equal(new PhotoInspection(PhotoFormat.Jpeg, 1600, 1200, null), PhotoInspector.Inspect(prepared.Bytes));
    }

    [Theory]
    [InlineData("gps-orientation.jpg", PhotoFormat.Jpeg, 400, 400)]
    [InlineData("gps.png", PhotoFormat.Png, 400, 400)]
    [InlineData("portrait.jpg", PhotoFormat.Jpeg, 600, 800)]
    public void A_small_photo_is_only_stripped_of_its_metadata_byte_for_byte(string fixture, PhotoFormat format, int width, int height)
    {
        var upload = PhotoFixtures.Read(fixture);

        var prepared = Prepared(upload);

        Assert.Equal((format, width, height), (prepared.Format, prepared.Width, prepared.Height));
        Assert.Equal(PhotoMetadataStripper.Strip(upload, format), prepared.Bytes);
    }

    [Fact]
    public void A_forged_header_claiming_a_huge_image_is_refused_without_decoding()
    {
        var bomb = TestPng.WithSize(100_000, 100_000);
        PhotoPreparation.Prepare(bomb);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = PhotoPreparation.Prepare(bomb);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(new PhotoPreparationResult(null, PhotoProblem.DimensionsTooLarge), result);
        Assert.True(allocated < 1024, $"{allocated} bytes allocated");
    }

    [Fact]
    public void A_forged_JPEG_frame_size_is_refused_from_the_header()
    {
        var jpeg = PhotoFixtures.Read("portrait.jpg");
        var frame = TestJpeg.HeaderSegments(jpeg).First(segment => segment.Marker == TestJpeg.StartOfFrame0);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(frame.Start + 5), 60_000);

        Assert.Equal(new PhotoPreparationResult(null, PhotoProblem.DimensionsTooLarge), PhotoPreparation.Prepare(jpeg));
    }

    [Fact]
    public void Refusals_are_the_inspector_s()
    {
        Assert.Equal(PhotoProblem.TooSmall, PhotoPreparation.Prepare(PhotoFixtures.Read("small.jpg")).Problem);
        Assert.Equal(PhotoProblem.NotJpegOrPng, PhotoPreparation.Prepare("GIF89a"u8.ToArray()).Problem);
    }

    private static PreparedPhoto Prepared(byte[] upload)
    {
        var result = PhotoPreparation.Prepare(upload);
        Assert.Null(result.Problem);
        return result.Photo!;
    }
}
