using System.Buffers.Binary;
using System.Text;

namespace Portal.Infrastructure.Tests.Photos;

/// <summary>Builds and reads small TIFF structures (the body of EXIF) for tests.</summary>
internal static class TestExif
{
    public const ushort Make = 0x010F, Orientation = 0x0112, GpsInfo = 0x8825;
    private const ushort Ascii = 2, Short = 3, Long = 4;

    /// <summary>IFD0 with Make ("Canon", stored after the IFD) and, unless null, Orientation.</summary>
    public static byte[] Tiff(bool littleEndian, ushort? orientation)
    {
        var entries = new List<(ushort Tag, ushort Type, uint Count, uint Value)> { (Make, Ascii, 6, 0) };
        if (orientation is { } value) entries.Add((Orientation, Short, 1, littleEndian ? value : (uint)value << 16));
        entries.Add((GpsInfo, Long, 1, 0));

        var directoryLength = 2 + 12 * entries.Count + 4;
        var makeOffset = (uint)(8 + directoryLength);
        var tiff = new byte[makeOffset + 6];
        var span = tiff.AsSpan();
        (littleEndian ? "II"u8 : "MM"u8).CopyTo(span);
        Write16(span[2..], 42);
        Write32(span[4..], 8);
        Write16(span[8..], (ushort)entries.Count);
        for (var index = 0; index < entries.Count; index++)
        {
            var (tag, type, count, entryValue) = entries[index];
            var entry = span.Slice(10 + 12 * index, 12);
            Write16(entry, tag);
            Write16(entry[2..], type);
            Write32(entry[4..], count);
            Write32(entry[8..], tag == Make ? makeOffset : entryValue);
        }
        "Canon\0"u8.CopyTo(span[(int)makeOffset..]);
        return tiff;

        void Write16(Span<byte> at, ushort v)
        {
            if (littleEndian) BinaryPrimitives.WriteUInt16LittleEndian(at, v);
            else BinaryPrimitives.WriteUInt16BigEndian(at, v);
        }

        void Write32(Span<byte> at, uint v)
        {
            if (littleEndian) BinaryPrimitives.WriteUInt32LittleEndian(at, v);
            else BinaryPrimitives.WriteUInt32BigEndian(at, v);
        }
    }

    public static byte[] JpegSegment(byte[] tiff) => TestJpeg.Segment(TestJpeg.App1, [.. "Exif\0\0"u8, .. tiff]);

    /// <summary>The tags of IFD0, in order.</summary>
    public static List<ushort> Ifd0Tags(ReadOnlySpan<byte> tiff)
    {
        var littleEndian = tiff[0] == (byte)'I';
        ushort Read16(ReadOnlySpan<byte> at) =>
            littleEndian ? BinaryPrimitives.ReadUInt16LittleEndian(at) : BinaryPrimitives.ReadUInt16BigEndian(at);
        var directory = (int)(littleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(tiff[4..]) : BinaryPrimitives.ReadUInt32BigEndian(tiff[4..]));
        var tags = new List<ushort>();
        for (var index = 0; index < Read16(tiff[directory..]); index++)
            tags.Add(Read16(tiff[(directory + 2 + 12 * index)..]));
        return tags;
    }

    public static bool Contains(byte[] haystack, string text) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
