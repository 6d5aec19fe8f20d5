using Portal.Infrastructure.Captcha;

namespace Portal.Infrastructure.Tests.Captcha;

public sealed class PngEncoderTests
{
    [Fact]
    public void Crc32_matches_the_published_check_value_and_the_bitwise_reference()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        var data = Enumerable.Range(0, 1000).Select(i => (byte)(i * 7)).ToArray();
        Assert.Equal(PngFile.BitwiseCrc32(data), Crc32.Compute(data));
        Assert.Equal(Crc32.Compute(data), Crc32.Append(Crc32.Compute(data.AsSpan(0, 300)), data.AsSpan(300)));
    }

    [Fact]
    public void Encodes_the_given_pixels_losslessly_with_valid_chunks()
    {
        byte[] rgb = [255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30, 40, 50, 60, 70, 80, 90];

        var png = PngFile.Parse(PngEncoder.Encode(3, 2, rgb));

        Assert.Equal(["IHDR", "IDAT", "IEND"], png.Chunks.Select(c => c.Type));
        Assert.All(png.Chunks, c => Assert.Equal(c.ComputedCrc, c.StoredCrc));
        Assert.Equal((3, 2, 8, 2), (png.Width, png.Height, (int)png.BitDepth, (int)png.ColorType));
        Assert.Equal([0, 255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 10, 20, 30, 40, 50, 60, 70, 80, 90], png.InflateImageData());
    }

    [Fact]
    public void Rejects_pixel_buffers_of_the_wrong_size() =>
        Assert.Throws<ArgumentException>(() => PngEncoder.Encode(3, 2, new byte[17]));
}
