using System.Buffers.Binary;

namespace Portal.Infrastructure.Photos;

/// <summary>
/// One JPEG marker segment. <see cref="Start"/> is its first 0xFF (fill bytes included), <see cref="End"/> is just past it.
/// Standalone markers (SOI, EOI, RSTn, TEM) have an empty payload.
/// </summary>
internal readonly ref struct JpegSegment(byte marker, int start, int end, ReadOnlySpan<byte> payload)
{
    public byte Marker { get; } = marker;
    public int Start { get; } = start;
    public int End { get; } = end;
    public ReadOnlySpan<byte> Payload { get; } = payload;
}

/// <summary>Walks the marker structure of a JPEG (ITU T.81 annex B) without decoding anything.</summary>
internal static class Jpeg
{
    public const byte StartOfImage = 0xD8;
    public const byte EndOfImage = 0xD9;
    public const byte StartOfScan = 0xDA;
    public const byte App0 = 0xE0;
    public const byte App1 = 0xE1;
    public const byte App2 = 0xE2;
    public const byte App14 = 0xEE;
    public const byte Comment = 0xFE;

    /// <summary>Where the segment after SOI starts.</summary>
    public const int FirstSegment = 2;

    public static bool StartsWithStartOfImage(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == StartOfImage;

    /// <summary>SOF0–SOF15; C4 (DHT), C8 (JPG) and CC (DAC) share the range but are not frames.</summary>
    public static bool IsStartOfFrame(byte marker) => marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC);

    public static bool IsApplication(byte marker) => marker is >= 0xE0 and <= 0xEF;

    public static bool IsStandalone(byte marker) => marker is 0x01 or (>= 0xD0 and <= 0xD9);

    private static bool IsRestart(byte marker) => marker is >= 0xD0 and <= 0xD7;

    /// <summary>Reads the segment whose marker starts at <paramref name="position"/>; false unless a whole segment is there.</summary>
    public static bool TryReadSegment(ReadOnlySpan<byte> bytes, int position, out JpegSegment segment)
    {
        segment = default;
        if (position >= bytes.Length || bytes[position] != 0xFF) return false;
        var cursor = SkipFillBytes(bytes, position + 1);
        if (cursor >= bytes.Length) return false;
        var marker = bytes[cursor++];
        if (marker == 0x00) return false;
        if (IsStandalone(marker))
        {
            segment = new JpegSegment(marker, position, cursor, default);
            return true;
        }
        if (bytes.Length - cursor < 2) return false;
        int length = BinaryPrimitives.ReadUInt16BigEndian(bytes[cursor..]);
        if (length < 2 || length > bytes.Length - cursor) return false;
        segment = new JpegSegment(marker, position, cursor + length, bytes.Slice(cursor + 2, length - 2));
        return true;
    }

    /// <summary>Reads the image size from an SOFn payload: precision, height, width, component count, 3 bytes per component.</summary>
    public static bool TryReadFrameSize(ReadOnlySpan<byte> payload, out int width, out int height)
    {
        width = height = 0;
        if (payload.Length < 6) return false;
        height = BinaryPrimitives.ReadUInt16BigEndian(payload[1..]);
        width = BinaryPrimitives.ReadUInt16BigEndian(payload[3..]);
        int components = payload[5];
        // Height 0 defers the height to a DNL marker after the first scan, which browsers and PDF viewers do not support.
        return width > 0 && height > 0 && components > 0 && payload.Length >= 6 + 3 * components;
    }

    /// <summary>An SOS header: 1 to 4 components, 2 bytes each, then 3 bytes of spectral selection and approximation.</summary>
    public static bool IsValidScanHeader(ReadOnlySpan<byte> payload) =>
        payload.Length >= 1 && payload[0] is >= 1 and <= 4 && payload.Length == 1 + 2 * payload[0] + 3;

    /// <summary>
    /// From the end of the first SOS segment, walks the entropy-coded data (stuffed 0xFF00, restart markers) and
    /// the table and scan segments between the scans of a progressive JPEG. Returns the position just past EOI,
    /// or -1 when the data ends first (a truncated upload) or holds something that is not a marker.
    /// </summary>
    public static int FindEndOfImage(ReadOnlySpan<byte> bytes, int scanDataStart)
    {
        var position = scanDataStart;
        while (true)
        {
            var nextFF = bytes[position..].IndexOf((byte)0xFF);
            if (nextFF < 0) return -1;
            position += nextFF;
            var cursor = SkipFillBytes(bytes, position + 1);
            if (cursor >= bytes.Length) return -1;
            var marker = bytes[cursor];
            if (marker == 0x00 || IsRestart(marker))
            {
                position = cursor + 1;
                continue;
            }
            if (marker == EndOfImage) return cursor + 1;
            if (marker == StartOfImage || !TryReadSegment(bytes, position, out var segment)) return -1;
            position = segment.End;
        }
    }

    private static int SkipFillBytes(ReadOnlySpan<byte> bytes, int position)
    {
        while (position < bytes.Length && bytes[position] == 0xFF) position++;
        return position;
    }
}
