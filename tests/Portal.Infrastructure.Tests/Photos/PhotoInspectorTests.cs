using System.Buffers.Binary;
using System.Text;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Photos;

namespace Portal.Infrastructure.Tests.Photos;

public sealed class PhotoInspectorTests
{
    [Theory]
    [InlineData("portrait.jpg", PhotoFormat.Jpeg, 600, 800)]
    [InlineData("id-front.jpg", PhotoFormat.Jpeg, 1000, 630)]
    [InlineData("id-back.jpg", PhotoFormat.Jpeg, 1000, 630)]
    [InlineData("birth-certificate.png", PhotoFormat.Png, 800, 1100)]
    [InlineData("gps-orientation.jpg", PhotoFormat.Jpeg, 400, 400)]
    [InlineData("gps.png", PhotoFormat.Png, 400, 400)]
    [InlineData("progressive.jpg", PhotoFormat.Jpeg, 320, 320)]
    public void Real_photos_are_accepted_with_their_format_and_size(string fixture, PhotoFormat format, int width, int height)
    {
        var inspection = PhotoInspector.Inspect(PhotoFixtures.Read(fixture));

        Assert.Equal(new PhotoInspection(format, width, height, null), inspection);
        Assert.True(inspection.IsAcceptable);
    }

    [Fact]
    public void A_photo_under_300_pixels_is_too_small_and_still_reports_its_size()
    {
        Assert.Equal(
            new PhotoInspection(PhotoFormat.Jpeg, 200, 200, PhotoProblem.TooSmall),
            PhotoInspector.Inspect(PhotoFixtures.Read("small.jpg")));
    }

    [Theory]
    [InlineData(299u, 300u)]
    [InlineData(300u, 299u)]
    [InlineData(1u, 1u)]
    public void Either_side_under_300_pixels_is_too_small(uint width, uint height)
    {
        Assert.Equal(PhotoProblem.TooSmall, PhotoInspector.Inspect(TestPng.WithSize(width, height)).Problem);
    }

    [Fact]
    public void Empty_content_means_no_photo_was_chosen()
    {
        Assert.Equal(new PhotoInspection(null, 0, 0, PhotoProblem.Empty), PhotoInspector.Inspect([]));
    }

    public static TheoryData<string, byte[]> NotPhotos => new()
    {
        { "text file renamed .jpg", Encoding.UTF8.GetBytes("hello, this is not a photo\n") },
        { "GIF", [.. "GIF89a"u8, 0x2C, 0x01, 0x2C, 0x01, 0x80, 0x00, 0x00] },
        { "PDF", [.. "%PDF-1.7\n%âãÏÓ\n"u8] },
        { "BMP", [.. "BM"u8, 0x36, 0x00, 0x0C, 0x00, 0x00, 0x00] },
        { "WebP", [.. "RIFF"u8, 0x24, 0x00, 0x00, 0x00, .. "WEBPVP8 "u8] },
        { "HTML", [.. "<!DOCTYPE html><script>alert(1)</script>"u8] },
        { "one byte of a JPEG signature", [0xFF] },
        { "three bytes of a PNG signature", [0x89, 0x50, 0x4E] },
    };

    [Theory]
    [MemberData(nameof(NotPhotos))]
    public void Content_that_is_neither_JPEG_nor_PNG_is_refused_whatever_the_file_was_called(string what, byte[] content)
    {
        Assert.True(PhotoInspector.Inspect(content) == new PhotoInspection(null, 0, 0, PhotoProblem.NotJpegOrPng), what);
    }

    [Fact]
    public void Content_over_5_MiB_is_too_large_before_any_parsing()
    {
        var sixMiB = new byte[6 * 1024 * 1024];
        PhotoFixtures.Read("portrait.jpg").CopyTo(sixMiB, 0);

        Assert.Equal(new PhotoInspection(null, 0, 0, PhotoProblem.TooLarge), PhotoInspector.Inspect(sixMiB));
    }

    [Fact]
    public void Exactly_5_MiB_is_allowed_and_one_byte_more_is_not()
    {
        var padded = new byte[DeclarationPhoto.MaxBytes + 1];
        PhotoFixtures.Read("portrait.jpg").CopyTo(padded, 0);

        Assert.True(PhotoInspector.Inspect(padded.AsSpan(0, (int)DeclarationPhoto.MaxBytes)).IsAcceptable);
        Assert.Equal(PhotoProblem.TooLarge, PhotoInspector.Inspect(padded).Problem);
    }

    [Theory]
    [InlineData(100_000u, 100_000u)]
    [InlineData(10_001u, 300u)]
    [InlineData(300u, 10_001u)]
    [InlineData(7_000u, 6_000u)]
    [InlineData(0x7FFF_FFFFu, 0x7FFF_FFFFu)]
    public void Dimensions_beyond_10000_pixels_a_side_or_40_megapixels_are_refused_from_the_header(uint width, uint height)
    {
        Assert.Equal(
            new PhotoInspection(PhotoFormat.Png, (int)width, (int)height, PhotoProblem.DimensionsTooLarge),
            PhotoInspector.Inspect(TestPng.WithSize(width, height)));
    }

    [Theory]
    [InlineData(10_000u, 4_000u)]
    [InlineData(4_000u, 10_000u)]
    [InlineData(6_324u, 6_324u)]
    public void Dimensions_at_the_limits_are_accepted(uint width, uint height)
    {
        Assert.True(PhotoInspector.Inspect(TestPng.WithSize(width, height)).IsAcceptable);
    }

    [Fact]
    public void A_JPEG_frame_beyond_the_limits_is_refused_too()
    {
        var jpeg = PhotoFixtures.Read("portrait.jpg");
        var frame = TestJpeg.HeaderSegments(jpeg).First(segment => segment.Marker == TestJpeg.StartOfFrame0);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(frame.Start + 5), 60_000);

        Assert.Equal(
            new PhotoInspection(PhotoFormat.Jpeg, 600, 60_000, PhotoProblem.DimensionsTooLarge),
            PhotoInspector.Inspect(jpeg));
    }

    [Fact]
    public void A_decompression_bomb_header_is_refused_without_allocating_pixel_memory()
    {
        var bomb = TestPng.WithSize(100_000, 100_000);
        PhotoInspector.Inspect(bomb);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var inspection = PhotoInspector.Inspect(bomb);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(PhotoProblem.DimensionsTooLarge, inspection.Problem);
        Assert.True(allocated < 1024, $"{allocated} bytes allocated");
    }

    private static readonly Dictionary<string, Func<byte[]>> CorruptPhotos = new()
    {
        ["JPEG: the first 200 bytes of a photo"] = () => PhotoFixtures.Read("portrait.jpg")[..200],
        ["JPEG: cut in the middle of the image data"] = () => PhotoFixtures.Read("portrait.jpg")[..30_000],
        ["JPEG: EOI missing"] = () => PhotoFixtures.Read("portrait.jpg")[..^2],
        ["JPEG: progressive, cut between two scans"] = () =>
        {
            var jpeg = PhotoFixtures.Read("progressive.jpg");
            return jpeg[..jpeg.AsSpan().LastIndexOf([(byte)0xFF, TestJpeg.StartOfScan])];
        },
        ["JPEG: SOI alone"] = () => [0xFF, 0xD8],
        ["JPEG: SOI then EOI"] = () => [0xFF, 0xD8, 0xFF, 0xD9],
        ["JPEG: SOI then text"] = () => [0xFF, 0xD8, .. "hello"u8],
        ["JPEG: no frame header before the scan"] = () =>
            TestJpeg.RemoveSegment(PhotoFixtures.Read("portrait.jpg"), TestJpeg.StartOfFrame0),
        ["JPEG: a segment length past the end"] = () => [0xFF, 0xD8, 0xFF, 0xE0, 0xFF, 0xF0, 0x00],
        ["JPEG: a segment length under 2"] = () => [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01, 0xFF, 0xD9],
        ["JPEG: frame height 0 (deferred to DNL)"] = () =>
        {
            var jpeg = PhotoFixtures.Read("portrait.jpg");
            var frame = TestJpeg.HeaderSegments(jpeg).First(segment => segment.Marker == TestJpeg.StartOfFrame0);
            jpeg[frame.Start + 5] = jpeg[frame.Start + 6] = 0;
            return jpeg;
        },
        ["JPEG: a second SOI"] = () =>
        {
            var jpeg = PhotoFixtures.Read("portrait.jpg");
            return TestJpeg.InsertAt(jpeg, 2, [0xFF, 0xD8]);
        },
        ["PNG: IHDR CRC wrong"] = () =>
        {
            var png = PhotoFixtures.Read("birth-certificate.png");
            png[8 + 8 + 13] ^= 0x01;
            return png;
        },
        ["PNG: width changed without its CRC"] = () =>
        {
            var png = PhotoFixtures.Read("birth-certificate.png");
            png[8 + 8 + 2] = 0x7F;
            return png;
        },
        ["PNG: signature mangled by line-ending conversion"] = () =>
        {
            var png = PhotoFixtures.Read("gps.png");
            return [.. png[..4], 0x0A, .. png[6..]];
        },
        ["PNG: cut in the middle of the image data"] = () => PhotoFixtures.Read("birth-certificate.png")[..40_000],
        ["PNG: IEND missing"] = () => PhotoFixtures.Read("birth-certificate.png")[..^12],
        ["PNG: first chunk is not IHDR"] = () => TestPng.Build(("IDAT", TestPng.EmptyImageData), ("IEND", [])),
        ["PNG: no image data"] = () => TestPng.Build(("IHDR", TestPng.Header(400, 400)), ("IEND", [])),
        ["PNG: indexed colour without a palette"] = () =>
            TestPng.Build(("IHDR", TestPng.Header(400, 400, colourType: 3)), ("IDAT", TestPng.EmptyImageData), ("IEND", [])),
        ["PNG: 16-bit indexed colour"] = () =>
            TestPng.Build(("IHDR", TestPng.Header(400, 400, bitDepth: 16, colourType: 3)), ("PLTE", [0, 0, 0]),
                ("IDAT", TestPng.EmptyImageData), ("IEND", [])),
        ["PNG: width 0"] = () => TestPng.WithSize(0, 400),
        ["PNG: an unknown critical chunk"] = () =>
            TestPng.Build(("IHDR", TestPng.Header(400, 400)), ("ABCD", [1, 2, 3]), ("IDAT", TestPng.EmptyImageData), ("IEND", [])),
        ["PNG: a chunk type that is not letters"] = () =>
            TestPng.Build(("IHDR", TestPng.Header(400, 400)), ("a1c!", [1]), ("IDAT", TestPng.EmptyImageData), ("IEND", [])),
        ["PNG: a chunk length of 4 GiB"] = () =>
        {
            var png = TestPng.WithSize(400, 400);
            var idat = TestPng.Chunks(png).First(chunk => chunk.Type == "IDAT");
            BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(idat.Start), 0xFFFF_FFF0);
            return png;
        },
    };

    public static TheoryData<string> CorruptPhotoNames => new(CorruptPhotos.Keys);

    [Theory]
    [MemberData(nameof(CorruptPhotoNames))]
    public void Truncated_or_malformed_structure_is_corrupt(string photo)
    {
        var bytes = CorruptPhotos[photo]();
        var expectedFormat = bytes[0] == 0xFF ? PhotoFormat.Jpeg : PhotoFormat.Png;

        Assert.Equal(new PhotoInspection(expectedFormat, 0, 0, PhotoProblem.Corrupt), PhotoInspector.Inspect(bytes));
    }

    [Fact]
    public void Fill_bytes_before_markers_are_allowed()
    {
        var jpeg = PhotoFixtures.Read("portrait.jpg");
        var segments = TestJpeg.HeaderSegments(jpeg);
        foreach (var segment in Enumerable.Reverse(segments))
            jpeg = TestJpeg.InsertAt(jpeg, segment.Start, [0xFF, 0xFF, 0xFF]);

        Assert.Equal(new PhotoInspection(PhotoFormat.Jpeg, 600, 800, null), PhotoInspector.Inspect(jpeg));
    }

    [Theory]
    [InlineData("portrait.jpg")]
    [InlineData("gps.png")]
    public void Bytes_after_the_end_of_the_image_are_tolerated(string fixture)
    {
        byte[] withTrailer = [.. PhotoFixtures.Read(fixture), .. "trailing camera data"u8];

        Assert.True(PhotoInspector.Inspect(withTrailer).IsAcceptable);
    }

    [Theory]
    [InlineData("small.jpg")]
    [InlineData("progressive.jpg")]
    [InlineData("gps-orientation.jpg")]
    [InlineData("gps.png")]
    public void Inspect_never_throws_on_truncated_or_mutated_content(string fixture)
    {
        var original = PhotoFixtures.Read(fixture);
        for (var length = 0; length < original.Length; length++)
            AssertInspectsWithoutThrowing(original.AsSpan(0, length));

        var random = new Random(20261121);
        for (var round = 0; round < 3000; round++)
        {
            var mutated = (byte[])original.Clone();
            for (var flips = random.Next(1, 9); flips > 0; flips--)
                mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            AssertInspectsWithoutThrowing(mutated);
        }
    }

    private static void AssertInspectsWithoutThrowing(ReadOnlySpan<byte> bytes)
    {
        var inspection = PhotoInspector.Inspect(bytes);
        if (inspection.IsAcceptable)
            Assert.True(inspection.Width >= DeclarationPhoto.MinDimension && inspection.Height >= DeclarationPhoto.MinDimension);
    }

    [Theory]
    [InlineData(PhotoProblem.Empty, "Chưa chọn ảnh.")]
    [InlineData(PhotoProblem.TooLarge, "Ảnh vượt quá 5 MB.")]
    [InlineData(PhotoProblem.NotJpegOrPng, "Ảnh phải là tệp JPEG hoặc PNG.")]
    [InlineData(PhotoProblem.Corrupt, "Tệp ảnh bị hỏng hoặc không đọc được.")]
    [InlineData(PhotoProblem.TooSmall, "Ảnh quá nhỏ: cần tối thiểu 300×300 điểm ảnh.")]
    [InlineData(PhotoProblem.DimensionsTooLarge, "Ảnh có kích thước quá lớn (tối đa 10000 điểm ảnh mỗi chiều và 40 triệu điểm ảnh).")]
    public void Each_problem_has_a_Vietnamese_message_for_the_field(PhotoProblem problem, string message)
    {
        Assert.Equal(message, PhotoInspector.MessageFor(problem));
    }

    [Fact]
    public void Every_problem_has_its_own_message()
    {
        var problems = Enum.GetValues<PhotoProblem>();

        Assert.Equal(problems.Length, problems.Select(PhotoInspector.MessageFor).Distinct().Count());
    }
}
