using System.Buffers.Binary;

namespace Portal.Infrastructure.Photos;

/// <summary>One PNG chunk: length, type, data, CRC. <see cref="Start"/> is its length field, <see cref="End"/> is just past its CRC.</summary>
internal readonly ref struct PngChunk(uint type, int start, int end, ReadOnlySpan<byte> typeAndData, uint crc)
{
    public uint Type { get; } = type;
    public int Start { get; } = start;
    public int End { get; } = end;
    public ReadOnlySpan<byte> TypeAndData { get; } = typeAndData;
    public uint Crc { get; } = crc;

    public ReadOnlySpan<byte> Data => TypeAndData[4..];
    public bool HasValidCrc => Crc32.Compute(TypeAndData) == Crc;

    /// <summary>Bit 5 of the first type byte (lower case) marks an ancillary chunk, one a decoder may ignore.</summary>
    public bool IsCritical => (Type & 0x2000_0000) == 0;
}

/// <summary>Walks the chunk structure of a PNG (ISO/IEC 15948) without inflating anything.</summary>
internal static class Png
{
    public const int SignatureLength = 8;
    public const int ChunkOverhead = 12;

    public const uint Ihdr = 0x49484452;
    public const uint Plte = 0x504C5445;
    public const uint Idat = 0x49444154;
    public const uint Iend = 0x49454E44;
    public const uint Exif = 0x65584966;

    public const byte IndexedColour = 3;

    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>"\x89PNG": enough to call the content a PNG; the rest of the signature is checked as structure.</summary>
    public static bool StartsLikePng(ReadOnlySpan<byte> bytes) => bytes.StartsWith(Signature[..4]);

    public static bool HasSignature(ReadOnlySpan<byte> bytes) => bytes.StartsWith(Signature);

    public static bool TryReadChunk(ReadOnlySpan<byte> bytes, int position, out PngChunk chunk)
    {
        chunk = default;
        var remaining = bytes.Length - position;
        if (position < 0 || remaining < ChunkOverhead) return false;
        var length = BinaryPrimitives.ReadUInt32BigEndian(bytes[position..]);
        if (length > (uint)(remaining - ChunkOverhead)) return false;
        var typeBytes = bytes.Slice(position + 4, 4);
        foreach (var letter in typeBytes)
            if (!char.IsAsciiLetter((char)letter)) return false;
        var dataLength = (int)length;
        var end = position + ChunkOverhead + dataLength;
        chunk = new PngChunk(
            BinaryPrimitives.ReadUInt32BigEndian(typeBytes),
            position,
            end,
            bytes.Slice(position + 4, 4 + dataLength),
            BinaryPrimitives.ReadUInt32BigEndian(bytes[(end - 4)..]));
        return true;
    }

    /// <summary>Reads IHDR and checks every field against the combinations the format allows.</summary>
    public static bool TryReadHeader(PngChunk chunk, out int width, out int height, out byte colourType)
    {
        width = height = 0;
        colourType = 0;
        var data = chunk.Data;
        if (chunk.Type != Ihdr || data.Length != 13 || !chunk.HasValidCrc) return false;
        var rawWidth = BinaryPrimitives.ReadUInt32BigEndian(data);
        var rawHeight = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        if (rawWidth is 0 or > int.MaxValue || rawHeight is 0 or > int.MaxValue) return false;
        (width, height) = ((int)rawWidth, (int)rawHeight);
        var bitDepth = data[8];
        colourType = data[9];
        var validDepth = colourType switch
        {
            0 => bitDepth is 1 or 2 or 4 or 8 or 16,
            IndexedColour => bitDepth is 1 or 2 or 4 or 8,
            2 or 4 or 6 => bitDepth is 8 or 16,
            _ => false,
        };
        var compression = data[10];
        var filter = data[11];
        var interlace = data[12];
        return validDepth && compression == 0 && filter == 0 && interlace <= 1;
    }
}

/// <summary>CRC-32 as PNG uses it (ISO 3309, reflected polynomial 0xEDB88320). System.IO.Hashing is not part of the shared framework.</summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFF_FFFFu;
        foreach (var b in bytes) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB8_8320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
