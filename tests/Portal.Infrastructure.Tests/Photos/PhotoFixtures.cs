using System.Buffers.Binary;
using System.Text;

namespace Portal.Infrastructure.Tests.Photos;

/// <summary>The committed photos under Fixtures/photos (see its README for how they were made).</summary>
internal static class PhotoFixtures
{
    public static byte[] Read(string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "photos", name));
}

/// <summary>Builds PNGs byte by byte, with a CRC implementation of its own so the production one is not checking itself.</summary>
internal static class TestPng
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>A zlib stream of one stored, empty block: well-formed, holds no pixels.</summary>
    public static readonly byte[] EmptyImageData = [0x78, 0x01, 0x01, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x01];

    public static byte[] Build(params (string Type, byte[] Data)[] chunks)
    {
        var png = new List<byte>(Signature);
        foreach (var (type, data) in chunks) png.AddRange(Chunk(type, data));
        return [.. png];
    }

    public static byte[] Chunk(string type, byte[] data)
    {
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        var chunk = new byte[8 + data.Length + 4];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        typeAndData.CopyTo(chunk, 4);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(typeAndData));
        return chunk;
    }

    public static byte[] Header(uint width, uint height, byte bitDepth = 8, byte colourType = 2)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, width);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), height);
        header[8] = bitDepth;
        header[9] = colourType;
        return header;
    }

    /// <summary>Structurally complete: IHDR with the given size, one IDAT, IEND.</summary>
    public static byte[] WithSize(uint width, uint height) =>
        Build(("IHDR", Header(width, height)), ("IDAT", EmptyImageData), ("IEND", []));

    /// <summary>The chunks of a PNG as (type, offset of the length field, whole chunk length).</summary>
    public static List<(string Type, int Start, int Length)> Chunks(byte[] png)
    {
        var chunks = new List<(string, int, int)>();
        for (var position = 8; position + 12 <= png.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(position));
            chunks.Add((Encoding.ASCII.GetString(png, position + 4, 4), position, length + 12));
            position += length + 12;
        }
        return chunks;
    }

    public static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}

/// <summary>Takes JPEGs apart and puts them back together at segment level, for tests.</summary>
internal static class TestJpeg
{
    public const byte StartOfFrame0 = 0xC0, StartOfScan = 0xDA, App1 = 0xE1, Comment = 0xFE;

    /// <summary>The marker segments from SOI up to and including the first SOS, as (marker, offset, whole length).</summary>
    public static List<(byte Marker, int Start, int Length)> HeaderSegments(byte[] jpeg)
    {
        var segments = new List<(byte, int, int)>();
        for (var position = 2; ;)
        {
            var marker = jpeg[position + 1];
            var length = 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(position + 2));
            segments.Add((marker, position, length));
            if (marker == StartOfScan) return segments;
            position += length;
        }
    }

    /// <summary>From the first SOS marker to the end of EOI: the compressed image itself.</summary>
    public static byte[] ImageData(byte[] jpeg)
    {
        var scan = HeaderSegments(jpeg)[^1].Start;
        var end = jpeg.AsSpan().LastIndexOf([(byte)0xFF, (byte)0xD9]) + 2;
        return jpeg[scan..end];
    }

    public static byte[] Segment(byte marker, byte[] payload)
    {
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = marker;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return segment;
    }

    public static byte[] Segment(byte marker, string asciiPayload) => Segment(marker, Encoding.ASCII.GetBytes(asciiPayload));

    public static byte[] InsertAt(byte[] bytes, int position, params byte[][] inserts) =>
        [.. bytes[..position], .. inserts.SelectMany(insert => insert), .. bytes[position..]];

    public static byte[] RemoveSegment(byte[] jpeg, byte marker)
    {
        var (_, start, length) = HeaderSegments(jpeg).First(segment => segment.Marker == marker);
        return [.. jpeg[..start], .. jpeg[(start + length)..]];
    }
}
