using System.Buffers.Binary;

namespace Portal.Infrastructure.Photos;

/// <summary>
/// The EXIF Orientation tag, read from and written to a TIFF structure: the body of a JPEG "Exif" APP1 segment
/// after its identifier, or the data of a PNG eXIf chunk.
/// </summary>
internal static class ExifOrientation
{
    public const ushort Tag = 0x0112;
    public const int Upright = 1;

    /// <summary>What starts the payload of an APP1 segment that holds EXIF.</summary>
    public static ReadOnlySpan<byte> JpegIdentifier => "Exif\0\0"u8;

    private const ushort TiffMagic = 42;
    private const ushort ShortType = 3;
    private const int HeaderLength = 8;
    private const int EntryLength = 12;

    /// <summary>Orientation from IFD0, 1 to 8; null when the tag is missing or anything about it is malformed.</summary>
    public static int? Read(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length < HeaderLength) return null;
        bool littleEndian;
        if (tiff.StartsWith("II"u8)) littleEndian = true;
        else if (tiff.StartsWith("MM"u8)) littleEndian = false;
        else return null;
        if (ReadUInt16(tiff[2..], littleEndian) != TiffMagic) return null;

        var directory = ReadUInt32(tiff[4..], littleEndian);
        if (directory > (uint)(tiff.Length - 2)) return null;
        var entries = tiff[((int)directory + 2)..];
        int entryCount = ReadUInt16(tiff[(int)directory..], littleEndian);
        for (var index = 0; index < entryCount && (index + 1) * EntryLength <= entries.Length; index++)
        {
            var entry = entries.Slice(index * EntryLength, EntryLength);
            if (ReadUInt16(entry, littleEndian) != Tag) continue;
            var isOneShort = ReadUInt16(entry[2..], littleEndian) == ShortType && ReadUInt32(entry[4..], littleEndian) == 1;
            int value = ReadUInt16(entry[8..], littleEndian);
            return isOneShort && value is >= 1 and <= 8 ? value : null;
        }
        return null;
    }

    /// <summary>A big-endian TIFF header, then IFD0 with the Orientation tag alone and no next IFD.</summary>
    public static byte[] MinimalTiff(int orientation)
    {
        var tiff = new byte[HeaderLength + 2 + EntryLength + 4];
        "MM"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(2), TiffMagic);
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(4), HeaderLength);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(8), 1);
        var entry = tiff.AsSpan(10, EntryLength);
        BinaryPrimitives.WriteUInt16BigEndian(entry, Tag);
        BinaryPrimitives.WriteUInt16BigEndian(entry[2..], ShortType);
        BinaryPrimitives.WriteUInt32BigEndian(entry[4..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(entry[8..], (ushort)orientation);
        return tiff;
    }

    private static ushort ReadUInt16(ReadOnlySpan<byte> bytes, bool littleEndian) =>
        littleEndian ? BinaryPrimitives.ReadUInt16LittleEndian(bytes) : BinaryPrimitives.ReadUInt16BigEndian(bytes);

    private static uint ReadUInt32(ReadOnlySpan<byte> bytes, bool littleEndian) =>
        littleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(bytes) : BinaryPrimitives.ReadUInt32BigEndian(bytes);
}
