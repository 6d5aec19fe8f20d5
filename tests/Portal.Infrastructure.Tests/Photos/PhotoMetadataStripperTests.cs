using System.Diagnostics;
using System.Text.Json;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Photos;

namespace Portal.Infrastructure.Tests.Photos;

public sealed class PhotoMetadataStripperTests
{
    private static readonly string[] PrivateStrings =
        ["Canon", "Canon EOS 5D", "secret comment", "Nguyen Van A", "private", "http://ns.adobe.com/xap", "ExifTool"];

    [Fact]
    public void A_JPEG_loses_GPS_camera_XMP_and_comment_but_keeps_its_orientation_and_image_data()
    {
        var original = PhotoFixtures.Read("gps-orientation.jpg");

        var stripped = PhotoMetadataStripper.Strip(original, PhotoFormat.Jpeg);

        Assert.All(PrivateStrings, text => Assert.True(TestExif.Contains(original, text), text));
        Assert.All(PrivateStrings, text => Assert.False(TestExif.Contains(stripped, text), text));
        Assert.Equal(
            [0xE0, TestJpeg.App1, 0xDB, 0xDB, 0xC0, 0xC4, 0xC4, 0xC4, 0xC4, TestJpeg.StartOfScan],
            TestJpeg.HeaderSegments(stripped).Select(segment => segment.Marker));
        var exif = TestJpeg.HeaderSegments(stripped).Single(segment => segment.Marker == TestJpeg.App1);
        var tiff = stripped.AsSpan(exif.Start + 4 + 6, exif.Length - 4 - 6);
        Assert.Equal([TestExif.Orientation], TestExif.Ifd0Tags(tiff));
        Assert.Equal(6, PhotoMetadataStripper.ReadExifOrientation(original, PhotoFormat.Jpeg));
        Assert.Equal(6, PhotoMetadataStripper.ReadExifOrientation(stripped, PhotoFormat.Jpeg));
        Assert.Equal(TestJpeg.ImageData(original), TestJpeg.ImageData(stripped));
        Assert.Equal(new PhotoInspection(PhotoFormat.Jpeg, 400, 400, null), PhotoInspector.Inspect(stripped));
    }

    [Fact]
    public void A_PNG_loses_text_and_GPS_but_keeps_its_orientation_and_image_data()
    {
        var original = PhotoFixtures.Read("gps.png");

        var stripped = PhotoMetadataStripper.Strip(original, PhotoFormat.Png);

        Assert.All(["Canon", "secret comment", "Nguyen Van A"], text => Assert.True(TestExif.Contains(original, text), text));
        Assert.All(PrivateStrings, text => Assert.False(TestExif.Contains(stripped, text), text));
        var chunks = TestPng.Chunks(stripped);
        Assert.Equal(["IHDR", "eXIf", "IDAT", "IEND"], chunks.Select(chunk => chunk.Type));
        var exif = chunks.Single(chunk => chunk.Type == "eXIf");
        Assert.Equal([TestExif.Orientation], TestExif.Ifd0Tags(stripped.AsSpan(exif.Start + 8, exif.Length - 12)));
        Assert.Equal(
            TestPng.Crc32(stripped[(exif.Start + 4)..(exif.Start + exif.Length - 4)]),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(stripped.AsSpan(exif.Start + exif.Length - 4)));
        Assert.Equal(6, PhotoMetadataStripper.ReadExifOrientation(original, PhotoFormat.Png));
        Assert.Equal(6, PhotoMetadataStripper.ReadExifOrientation(stripped, PhotoFormat.Png));
        Assert.Equal(ImageDataChunks(original), ImageDataChunks(stripped));
        Assert.Equal(new PhotoInspection(PhotoFormat.Png, 400, 400, null), PhotoInspector.Inspect(stripped));
    }

    [Theory]
    [InlineData("portrait.jpg")]
    [InlineData("id-front.jpg")]
    [InlineData("progressive.jpg")]
    [InlineData("birth-certificate.png")]
    public void A_photo_without_metadata_comes_out_byte_identical(string fixture)
    {
        var original = PhotoFixtures.Read(fixture);
        var format = fixture.EndsWith(".png") ? PhotoFormat.Png : PhotoFormat.Jpeg;

        Assert.Equal(original, PhotoMetadataStripper.Strip(original, format));
    }

    [Fact]
    public void A_JPEG_without_EXIF_keeps_every_byte_except_comments_and_application_segments()
    {
        var portrait = PhotoFixtures.Read("portrait.jpg");
        var afterJfif = TestJpeg.HeaderSegments(portrait)[1].Start;
        var withMetadata = TestJpeg.InsertAt(portrait, afterJfif,
            TestJpeg.Segment(TestJpeg.Comment, "secret comment"),
            TestJpeg.Segment(0xE0, "JFXX\0\x10thumbnail"),
            TestJpeg.Segment(TestJpeg.App1, "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Nguyen Van A</x:xmpmeta>"),
            TestJpeg.Segment(0xE2, "MPF\0II*\0"),
            TestJpeg.Segment(0xED, "Photoshop 3.0\08BIM private"),
            TestJpeg.Segment(0xEF, "private"));

        Assert.Equal(portrait, PhotoMetadataStripper.Strip(withMetadata, PhotoFormat.Jpeg));
    }

    [Fact]
    public void A_JPEG_keeps_its_ICC_profile_and_Adobe_colour_transform_in_place()
    {
        var portrait = PhotoFixtures.Read("portrait.jpg");
        var afterJfif = TestJpeg.HeaderSegments(portrait)[1].Start;
        var icc = TestJpeg.Segment(0xE2, "ICC_PROFILE\0\x01\x01profile bytes");
        var adobe = TestJpeg.Segment(0xEE, "Adobe\0\x64\0\0\0\0\x01");
        var withColour = TestJpeg.InsertAt(portrait, afterJfif, icc, adobe);
        var withColourAndMetadata = TestJpeg.InsertAt(portrait, afterJfif,
            TestJpeg.Segment(TestJpeg.Comment, "secret comment"), icc, TestJpeg.Segment(0xED, "Photoshop 3.0\0"), adobe);

        Assert.Equal(withColour, PhotoMetadataStripper.Strip(withColourAndMetadata, PhotoFormat.Jpeg));
    }

    [Theory]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(4, true)]
    [InlineData(5, false)]
    [InlineData(6, true)]
    [InlineData(7, false)]
    [InlineData(8, true)]
    public void Any_orientation_other_than_upright_survives_in_either_byte_order(ushort orientation, bool littleEndian)
    {
        var jpeg = WithExif(PhotoFixtures.Read("portrait.jpg"), TestExif.Tiff(littleEndian, orientation));

        var stripped = PhotoMetadataStripper.Strip(jpeg, PhotoFormat.Jpeg);

        Assert.Equal(orientation, PhotoMetadataStripper.ReadExifOrientation(jpeg, PhotoFormat.Jpeg));
        Assert.Equal(orientation, PhotoMetadataStripper.ReadExifOrientation(stripped, PhotoFormat.Jpeg));
        Assert.False(TestExif.Contains(stripped, "Canon"));
    }

    [Theory]
    [InlineData((ushort)1)]
    [InlineData(null)]
    public void EXIF_without_a_rotation_is_dropped_entirely(ushort? orientation)
    {
        var portrait = PhotoFixtures.Read("portrait.jpg");

        var stripped = PhotoMetadataStripper.Strip(WithExif(portrait, TestExif.Tiff(false, orientation)), PhotoFormat.Jpeg);

        Assert.Equal(portrait, stripped);
        Assert.Null(PhotoMetadataStripper.ReadExifOrientation(stripped, PhotoFormat.Jpeg));
    }

    [Fact]
    public void A_JFIF_thumbnail_is_dropped_and_the_rest_of_the_JFIF_header_kept()
    {
        var portrait = PhotoFixtures.Read("portrait.jpg");
        var jfif = TestJpeg.HeaderSegments(portrait)[0];
        byte[] fields = [.. portrait.AsSpan(jfif.Start + 4, 12), 2, 1];
        var withThumbnail = TestJpeg.InsertAt(TestJpeg.RemoveSegment(portrait, 0xE0), 2,
            TestJpeg.Segment(0xE0, [.. fields, .. new byte[2 * 1 * 3]]));

        Assert.Equal(portrait, PhotoMetadataStripper.Strip(withThumbnail, PhotoFormat.Jpeg));
    }

    [Theory]
    [InlineData("gps-orientation.jpg")]
    [InlineData("gps.png")]
    public void Bytes_after_the_end_of_the_image_are_dropped(string fixture)
    {
        var original = PhotoFixtures.Read(fixture);
        var format = fixture.EndsWith(".png") ? PhotoFormat.Png : PhotoFormat.Jpeg;
        byte[] withTrailer = [.. original, .. "\0\0\0\x18ftypmp42 motion photo video"u8];

        Assert.Equal(PhotoMetadataStripper.Strip(original, format), PhotoMetadataStripper.Strip(withTrailer, format));
    }

    [Fact]
    public void A_PNG_keeps_the_chunks_that_change_how_it_looks_and_drops_the_rest()
    {
        var png = TestPng.Build(
            ("IHDR", TestPng.Header(400, 400)),
            ("tIME", [0x07, 0xEA, 11, 21, 12, 0, 0]),
            ("gAMA", [0, 0, 0xB1, 0x8F]),
            ("cHRM", new byte[32]),
            ("sRGB", [0]),
            ("iCCP", [.. "profile\0\0"u8, 0x78, 0x01]),
            ("sBIT", [8, 8, 8]),
            ("cICP", [1, 13, 0, 1]),
            ("tEXt", [.. "Author\0Nguyen Van A"u8]),
            ("zTXt", [.. "Comment\0\0"u8, 0x78, 0x01]),
            ("iTXt", [.. "XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta/>"u8]),
            ("eXIf", TestExif.Tiff(true, 1)),
            ("pHYs", [0, 0, 0x0B, 0x13, 0, 0, 0x0B, 0x13, 1]),
            ("tRNS", [0, 1, 0, 2, 0, 3]),
            ("prVt", [.. "private"u8]),
            ("IDAT", TestPng.EmptyImageData),
            ("tEXt", [.. "Comment\0after the image"u8]),
            ("IEND", []));

        var stripped = PhotoMetadataStripper.Strip(png, PhotoFormat.Png);

        Assert.Equal(
            ["IHDR", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "cICP", "pHYs", "tRNS", "IDAT", "IEND"],
            TestPng.Chunks(stripped).Select(chunk => chunk.Type));
        Assert.True(PhotoInspector.Inspect(stripped).IsAcceptable);
    }

    [Theory]
    [InlineData("portrait.jpg")]
    [InlineData("id-front.jpg")]
    [InlineData("id-back.jpg")]
    [InlineData("birth-certificate.png")]
    [InlineData("gps-orientation.jpg")]
    [InlineData("gps.png")]
    [InlineData("progressive.jpg")]
    public void A_stripped_photo_inspects_as_the_original_did(string fixture)
    {
        var original = PhotoFixtures.Read(fixture);
        var inspection = PhotoInspector.Inspect(original);

        Assert.Equal(inspection, PhotoInspector.Inspect(PhotoMetadataStripper.Strip(original, inspection.Format!.Value)));
    }

    [Theory]
    [InlineData("gps-orientation.jpg")]
    [InlineData("gps.png")]
    public void Any_mutation_that_inspection_accepts_strips_into_a_photo_it_still_accepts(string fixture)
    {
        var original = PhotoFixtures.Read(fixture);
        var random = new Random(20261122);
        for (var round = 0; round < 3000; round++)
        {
            var mutated = (byte[])original.Clone();
            for (var flips = random.Next(1, 5); flips > 0; flips--)
                mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            var inspection = PhotoInspector.Inspect(mutated);
            if (!inspection.IsAcceptable) continue;

            var stripped = PhotoMetadataStripper.Strip(mutated, inspection.Format!.Value);

            Assert.Equal(inspection, PhotoInspector.Inspect(stripped));
            PhotoMetadataStripper.ReadExifOrientation(mutated, inspection.Format.Value);
        }
    }

    public static TheoryData<string, byte[]> MalformedExif => new()
    {
        { "empty", [] },
        { "unknown byte order", [.. "XX"u8, 0, 42, 0, 0, 0, 8, 0, 0] },
        { "wrong magic number", [.. "MM"u8, 0, 43, 0, 0, 0, 8, 0, 0] },
        { "IFD0 past the end", [.. "MM"u8, 0, 42, 0xFF, 0xFF, 0xFF, 0xFF] },
        { "more entries than bytes", [.. "MM"u8, 0, 42, 0, 0, 0, 8, 0xFF, 0xFF, 0x01, 0x0F] },
        { "orientation as a LONG", [.. "MM"u8, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 4, 0, 0, 0, 1, 0, 0, 0, 6, 0, 0, 0, 0] },
        { "orientation 9", [.. "MM"u8, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 9, 0, 0, 0, 0, 0, 0] },
    };

    [Theory]
    [MemberData(nameof(MalformedExif))]
    public void Malformed_EXIF_has_no_orientation_and_is_dropped(string what, byte[] tiff)
    {
        var portrait = PhotoFixtures.Read("portrait.jpg");
        var jpeg = WithExif(portrait, tiff);

        Assert.True(PhotoMetadataStripper.ReadExifOrientation(jpeg, PhotoFormat.Jpeg) is null, what);
        Assert.Equal(portrait, PhotoMetadataStripper.Strip(jpeg, PhotoFormat.Jpeg));
    }

    [Fact]
    public void Reading_the_orientation_of_anything_never_throws()
    {
        Assert.Null(PhotoMetadataStripper.ReadExifOrientation([], PhotoFormat.Jpeg));
        Assert.Null(PhotoMetadataStripper.ReadExifOrientation("hello"u8, PhotoFormat.Png));
        Assert.Null(PhotoMetadataStripper.ReadExifOrientation([0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x08, .. "Exif"u8], PhotoFormat.Jpeg));
        Assert.Null(PhotoMetadataStripper.ReadExifOrientation(PhotoFixtures.Read("portrait.jpg"), PhotoFormat.Jpeg));
    }

    /// <summary>
    /// A cross-check with a third-party reader. CI does not install exiftool, so there the test has nothing to check;
    /// the byte-level tests above are the ones that guard the behaviour.
    /// </summary>
    [Fact]
    public void Exiftool_if_installed_finds_only_the_orientation_left()
    {
        var stripped = PhotoMetadataStripper.Strip(PhotoFixtures.Read("gps-orientation.jpg"), PhotoFormat.Jpeg);
        var path = Path.Combine(Path.GetTempPath(), $"stripped-{Guid.NewGuid():N}.jpg");
        File.WriteAllBytes(path, stripped);
        try
        {
            if (RunExiftool(path) is not { } json) return;

            var tags = JsonDocument.Parse(json).RootElement[0].EnumerateObject().Select(tag => tag.Name).ToList();
            Assert.Contains("IFD0:Orientation", tags);
            Assert.DoesNotContain(tags, tag => tag.StartsWith("GPS:") || tag.StartsWith("XMP") || tag.Contains("Make")
                || tag.Contains("Model") || tag.EndsWith(":Comment"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string? RunExiftool(string path)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("exiftool", ["-j", "-a", "-G1", path])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null) return null;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static byte[] WithExif(byte[] jpeg, byte[] tiff) =>
        TestJpeg.InsertAt(jpeg, TestJpeg.HeaderSegments(jpeg)[1].Start, TestExif.JpegSegment(tiff));

    private static byte[] ImageDataChunks(byte[] png) =>
        [.. TestPng.Chunks(png).Where(chunk => chunk.Type == "IDAT").SelectMany(chunk => png[chunk.Start..(chunk.Start + chunk.Length)])];
}
