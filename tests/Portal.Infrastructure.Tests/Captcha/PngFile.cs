using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Portal.Infrastructure.Tests.Captcha;

/// <summary>A test-side PNG reader, independent of the encoder under test, that checks structure as it reads.</summary>
internal sealed record PngChunk(string Type, byte[] Data, uint StoredCrc)
{
    public uint ComputedCrc => PngFile.BitwiseCrc32([.. Encoding.ASCII.GetBytes(Type), .. Data]);
}

internal sealed record PngFile(IReadOnlyList<PngChunk> Chunks)
{
    public static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public int Width => BinaryPrimitives.ReadInt32BigEndian(Header.Data);
    public int Height => BinaryPrimitives.ReadInt32BigEndian(Header.Data.AsSpan(4));
    public byte BitDepth => Header.Data[8];
    public byte ColorType => Header.Data[9];

    private PngChunk Header => Chunks[0];

    public static PngFile Parse(byte[] bytes)
    {
        Assert.True(bytes.AsSpan().StartsWith(Signature), "PNG signature");
        var chunks = new List<PngChunk>();
        var position = Signature.Length;
        while (position < bytes.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(position));
            var type = Encoding.ASCII.GetString(bytes, position + 4, 4);
            var data = bytes.AsSpan(position + 8, length).ToArray();
            var crc = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(position + 8 + length));
            chunks.Add(new PngChunk(type, data, crc));
            position += 12 + length;
        }

        Assert.Equal(bytes.Length, position);
        return new PngFile(chunks);
    }

    public byte[] InflateImageData()
    {
        var compressed = Chunks.Where(c => c.Type == "IDAT").SelectMany(c => c.Data).ToArray();
        using var zlib = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var inflated = new MemoryStream();
        zlib.CopyTo(inflated);
        return inflated.ToArray();
    }

    /// <summary>The pixels as 0–255 luminance, with PNG filter type 0 (None) expected on every row.</summary>
    public byte[,] Luminance(int bytesPerPixel)
    {
        var raw = InflateImageData();
        var stride = 1 + (Width * bytesPerPixel);
        var luminance = new byte[Height, Width];
        for (var y = 0; y < Height; y++)
        {
            Assert.Equal(0, raw[y * stride]);
            for (var x = 0; x < Width; x++)
            {
                var i = (y * stride) + 1 + (x * bytesPerPixel);
                luminance[y, x] = (byte)(((299 * raw[i]) + (587 * raw[i + 1]) + (114 * raw[i + 2])) / 1000);
            }
        }

        return luminance;
    }

    /// <summary>Bit-at-a-time CRC-32 (PNG's polynomial), deliberately unlike the table-driven one in production.</summary>
    public static uint BitwiseCrc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc >> 1) ^ (0xEDB88320u & (uint)-(int)(crc & 1));
            }
        }

        return ~crc;
    }
}
