using System.Buffers.Binary;

namespace Portal.Infrastructure.Pdf;

/// <summary>Answers whether a TrueType font maps given characters to glyphs, from its cmap table.</summary>
/// <remarks>
/// Needed because /usr/share/fonts/truetype/liberation holds Liberation 1.x on Debian, which has no
/// Vietnamese letters (ạ, ệ, ữ …), but Liberation 2.x on newer Ubuntu; only the font itself can tell.
/// </remarks>
internal static class TrueTypeCoverage
{
    public static bool Covers(ReadOnlySpan<byte> font, string characters)
    {
        var cmap = FindTable(font, "cmap");
        if (cmap.IsEmpty)
        {
            return false;
        }
        var subtable = FindUnicodeSubtable(cmap);
        if (subtable.IsEmpty)
        {
            return false;
        }
        foreach (var rune in characters.EnumerateRunes())
        {
            if (!HasGlyph(subtable, rune.Value))
            {
                return false;
            }
        }
        return true;
    }

    private static ReadOnlySpan<byte> FindTable(ReadOnlySpan<byte> font, string tag)
    {
        if (font.Length < 12)
        {
            return [];
        }
        int tableCount = U16(font, 4);
        for (var i = 0; i < tableCount; i++)
        {
            var record = 12 + (16 * i);
            if (record + 16 > font.Length)
            {
                return [];
            }
            if (font[record] == tag[0] && font[record + 1] == tag[1] && font[record + 2] == tag[2] && font[record + 3] == tag[3])
            {
                var offset = (int)U32(font, record + 8);
                var length = (int)U32(font, record + 12);
                return offset >= 0 && length >= 0 && offset + length <= font.Length ? font.Slice(offset, length) : [];
            }
        }
        return [];
    }

    private static ReadOnlySpan<byte> FindUnicodeSubtable(ReadOnlySpan<byte> cmap)
    {
        int count = U16(cmap, 2);
        var best = -1;
        var bestRank = int.MaxValue;
        for (var i = 0; i < count; i++)
        {
            var record = 4 + (8 * i);
            int platform = U16(cmap, record);
            int encoding = U16(cmap, record + 2);
            var offset = (int)U32(cmap, record + 4);
            var rank = (platform, encoding) switch
            {
                (3, 10) => 0,
                (0, 4) or (0, 6) => 1,
                (3, 1) => 2,
                (0, _) => 3,
                _ => int.MaxValue,
            };
            if (rank < bestRank && offset < cmap.Length)
            {
                int format = U16(cmap, offset);
                if (format is 4 or 12)
                {
                    best = offset;
                    bestRank = rank;
                }
            }
        }
        return best < 0 ? [] : cmap[best..];
    }

    private static bool HasGlyph(ReadOnlySpan<byte> subtable, int codePoint) => U16(subtable, 0) switch
    {
        4 => HasGlyphFormat4(subtable, codePoint),
        12 => HasGlyphFormat12(subtable, codePoint),
        _ => false,
    };

    private static bool HasGlyphFormat4(ReadOnlySpan<byte> table, int codePoint)
    {
        if (codePoint > 0xFFFF)
        {
            return false;
        }
        var segments = U16(table, 6) / 2;
        var endCodes = 14;
        var startCodes = endCodes + (2 * segments) + 2;
        var deltas = startCodes + (2 * segments);
        var rangeOffsets = deltas + (2 * segments);
        for (var i = 0; i < segments; i++)
        {
            if (U16(table, endCodes + (2 * i)) < codePoint)
            {
                continue;
            }
            int start = U16(table, startCodes + (2 * i));
            if (start > codePoint)
            {
                return false;
            }
            int delta = U16(table, deltas + (2 * i));
            int rangeOffset = U16(table, rangeOffsets + (2 * i));
            if (rangeOffset == 0)
            {
                return ((codePoint + delta) & 0xFFFF) != 0;
            }
            var glyphAddress = rangeOffsets + (2 * i) + rangeOffset + (2 * (codePoint - start));
            return glyphAddress + 2 <= table.Length && U16(table, glyphAddress) != 0;
        }
        return false;
    }

    private static bool HasGlyphFormat12(ReadOnlySpan<byte> table, int codePoint)
    {
        var groups = U32(table, 12);
        for (var i = 0; i < groups; i++)
        {
            var group = 16 + (12 * i);
            if (group + 12 > table.Length)
            {
                return false;
            }
            if (U32(table, group) <= codePoint && codePoint <= U32(table, group + 4))
            {
                return U32(table, group + 8) + (uint)(codePoint - (int)U32(table, group)) != 0;
            }
        }
        return false;
    }

    private static ushort U16(ReadOnlySpan<byte> data, int offset) =>
        offset + 2 <= data.Length ? BinaryPrimitives.ReadUInt16BigEndian(data[offset..]) : (ushort)0;

    private static uint U32(ReadOnlySpan<byte> data, int offset) =>
        offset + 4 <= data.Length ? BinaryPrimitives.ReadUInt32BigEndian(data[offset..]) : 0;
}
