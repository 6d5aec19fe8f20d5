using System.Buffers;
using System.Buffers.Binary;
using Portal.Domain.Declarations;

namespace Portal.Infrastructure.Photos;

/// <summary>
/// Removes what a photo says about its owner (GPS position, camera, software, comments, thumbnails, XMP) without
/// re-encoding it: kept segments and chunks, and the compressed image itself, are copied byte for byte (a JFIF
/// header loses its thumbnail). Kept are
/// the parts that change how the pixels look: colour profiles, colour transforms, gamma, transparency, pixel
/// density, and an EXIF orientation other than upright, rewritten as a tag of its own.
/// </summary>
public static class PhotoMetadataStripper
{
    /// <summary>Expects bytes that <see cref="PhotoInspector.Inspect"/> accepted as <paramref name="format"/>.</summary>
    /// <exception cref="ArgumentException">The bytes are not a well-formed image of that format.</exception>
    public static byte[] Strip(ReadOnlySpan<byte> bytes, PhotoFormat format) => format switch
    {
        PhotoFormat.Jpeg => StripJpeg(bytes),
        PhotoFormat.Png => StripPng(bytes),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>The EXIF orientation (1 to 8) of a JPEG's first Exif segment or a PNG's eXIf chunk; null without one. Never throws.</summary>
    public static int? ReadExifOrientation(ReadOnlySpan<byte> bytes, PhotoFormat format) => format switch
    {
        PhotoFormat.Jpeg => ExifOrientation.Read(FindJpegExif(bytes)),
        PhotoFormat.Png => ExifOrientation.Read(FindPngExif(bytes)),
        _ => null,
    };

    private static byte[] StripJpeg(ReadOnlySpan<byte> bytes)
    {
        if (!Jpeg.StartsWithStartOfImage(bytes)) throw new ArgumentException("Not a JPEG.", nameof(bytes));
        var output = new ArrayBufferWriter<byte>(bytes.Length + 64);
        output.Write(bytes[..Jpeg.FirstSegment]);
        var sawExif = false;
        var position = Jpeg.FirstSegment;
        while (Jpeg.TryReadSegment(bytes, position, out var segment))
        {
            if (segment.Marker == Jpeg.StartOfScan)
            {
                var endOfImage = Jpeg.FindEndOfImage(bytes, segment.End);
                if (endOfImage < 0) break;
                // Anything after EOI (a phone's appended video, a maker trailer) is dropped with the rest.
                output.Write(bytes[segment.Start..endOfImage]);
                return output.WrittenSpan.ToArray();
            }

            var payload = segment.Payload;
            switch (segment.Marker)
            {
                case Jpeg.App0 when payload.StartsWith("JFIF\0"u8):
                    WriteJfifWithoutThumbnail(output, segment, bytes);
                    break;
                case Jpeg.App1 when payload.StartsWith(ExifOrientation.JpegIdentifier) && !sawExif:
                    sawExif = true;
                    if (ExifOrientation.Read(payload[ExifOrientation.JpegIdentifier.Length..]) is { } orientation
                        && orientation != ExifOrientation.Upright)
                        WriteJpegSegment(output, Jpeg.App1, [.. ExifOrientation.JpegIdentifier, .. ExifOrientation.MinimalTiff(orientation)]);
                    break;
                case Jpeg.App2 when payload.StartsWith("ICC_PROFILE\0"u8):
                case Jpeg.App14 when payload.StartsWith("Adobe"u8):
                    output.Write(bytes[segment.Start..segment.End]);
                    break;
                case var marker when Jpeg.IsApplication(marker) || marker == Jpeg.Comment:
                    break;
                default:
                    output.Write(bytes[segment.Start..segment.End]);
                    break;
            }
            position = segment.End;
        }
        throw new ArgumentException("Not a complete JPEG.", nameof(bytes));
    }

    /// <summary>
    /// JFIF APP0 holds identifier (5 bytes), version (2), units (1), densities (2 + 2), thumbnail size (1 + 1), then
    /// the thumbnail: a preview of the original, uncropped image, so it goes.
    /// </summary>
    private static void WriteJfifWithoutThumbnail(ArrayBufferWriter<byte> output, JpegSegment segment, ReadOnlySpan<byte> bytes)
    {
        const int FieldsLength = 14;
        if (segment.Payload.Length <= FieldsLength)
        {
            output.Write(bytes[segment.Start..segment.End]);
            return;
        }
        var fields = segment.Payload[..FieldsLength].ToArray();
        fields[12] = fields[13] = 0;
        WriteJpegSegment(output, Jpeg.App0, fields);
    }

    private static void WriteJpegSegment(ArrayBufferWriter<byte> output, byte marker, ReadOnlySpan<byte> payload)
    {
        var segment = output.GetSpan(4 + payload.Length);
        segment[0] = 0xFF;
        segment[1] = marker;
        BinaryPrimitives.WriteUInt16BigEndian(segment[2..], (ushort)(2 + payload.Length));
        payload.CopyTo(segment[4..]);
        output.Advance(4 + payload.Length);
    }

    private static byte[] StripPng(ReadOnlySpan<byte> bytes)
    {
        if (!Png.HasSignature(bytes)) throw new ArgumentException("Not a PNG.", nameof(bytes));
        var output = new ArrayBufferWriter<byte>(bytes.Length + 64);
        output.Write(Png.Signature);
        var sawExif = false;
        var position = Png.SignatureLength;
        while (Png.TryReadChunk(bytes, position, out var chunk))
        {
            if (chunk.IsCritical || KeepsAppearance(chunk.Type))
            {
                output.Write(bytes[chunk.Start..chunk.End]);
                // Anything after IEND is dropped.
                if (chunk.Type == Png.Iend) return output.WrittenSpan.ToArray();
            }
            else if (chunk.Type == Png.Exif && !sawExif)
            {
                sawExif = true;
                if (ExifOrientation.Read(chunk.Data) is { } orientation && orientation != ExifOrientation.Upright)
                    WritePngChunk(output, Png.Exif, ExifOrientation.MinimalTiff(orientation));
            }
            position = chunk.End;
        }
        throw new ArgumentException("Not a complete PNG.", nameof(bytes));
    }

    /// <summary>Ancillary chunks that change how the pixels look. cICP (PNG third edition) belongs with sRGB and iCCP.</summary>
    private static bool KeepsAppearance(uint chunkType) => chunkType switch
    {
        0x74524E53 /* tRNS */ or 0x67414D41 /* gAMA */ or 0x6348524D /* cHRM */ or 0x73524742 /* sRGB */
            or 0x69434350 /* iCCP */ or 0x73424954 /* sBIT */ or 0x70485973 /* pHYs */ or 0x63494350 /* cICP */ => true,
        _ => false,
    };

    private static void WritePngChunk(ArrayBufferWriter<byte> output, uint type, ReadOnlySpan<byte> data)
    {
        var chunk = output.GetSpan(Png.ChunkOverhead + data.Length);
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        BinaryPrimitives.WriteUInt32BigEndian(chunk[4..], type);
        data.CopyTo(chunk[8..]);
        BinaryPrimitives.WriteUInt32BigEndian(chunk[(8 + data.Length)..], Crc32.Compute(chunk.Slice(4, 4 + data.Length)));
        output.Advance(Png.ChunkOverhead + data.Length);
    }

    private static ReadOnlySpan<byte> FindJpegExif(ReadOnlySpan<byte> bytes)
    {
        if (!Jpeg.StartsWithStartOfImage(bytes)) return default;
        var position = Jpeg.FirstSegment;
        while (Jpeg.TryReadSegment(bytes, position, out var segment) && segment.Marker != Jpeg.StartOfScan)
        {
            if (segment.Marker == Jpeg.App1 && segment.Payload.StartsWith(ExifOrientation.JpegIdentifier))
                return segment.Payload[ExifOrientation.JpegIdentifier.Length..];
            position = segment.End;
        }
        return default;
    }

    private static ReadOnlySpan<byte> FindPngExif(ReadOnlySpan<byte> bytes)
    {
        if (!Png.HasSignature(bytes)) return default;
        var position = Png.SignatureLength;
        while (Png.TryReadChunk(bytes, position, out var chunk) && chunk.Type != Png.Iend)
        {
            if (chunk.Type == Png.Exif) return chunk.Data;
            position = chunk.End;
        }
        return default;
    }
}
