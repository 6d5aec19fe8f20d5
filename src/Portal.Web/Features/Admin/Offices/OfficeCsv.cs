using System.Text;
using Portal.Domain.Text;

namespace Portal.Web.Features.Admin.Offices;

/// <summary>One record of a CSV file, with the line it starts on.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>A CSV file read into records, or why it could not be read.</summary>
public sealed record CsvFile(IReadOnlyList<CsvRecord> Records, string? Problem);

/// <summary>
/// Reads the office import: UTF-8 text (a BOM allowed), fields separated by commas or, as Excel writes them where the
/// decimal separator is a comma, semicolons (whichever the first line has more of, outside quotes), quoted with double
/// quotes as RFC 4180 has it, so an address may hold the separator. A first line naming the columns is skipped.
/// </summary>
public static class OfficeCsv
{
    public const int MaxBytes = 1024 * 1024;
    public const int MaxRecords = 2000;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly HashSet<string> HeaderNames = ["code", "ma", "ma co quan", "ma co quan bhxh"];

    public static CsvFile Read(byte[] bytes)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return new([], "Tệp không phải văn bản UTF-8. Trong Excel, chọn Lưu thành → \"CSV UTF-8 (phân cách bằng dấu phẩy)\".");
        }
        return Parse(text.TrimStart('\uFEFF'));
    }

    public static CsvFile Parse(string text)
    {
        var delimiter = DelimiterOf(text);
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var afterClosingQuote = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') { quoted = false; afterClosingQuote = true; }
                else
                {
                    if (c == '\n') line++;
                    field.Append(c);
                }
                continue;
            }
            if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
                afterClosingQuote = false;
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                fields.Add(field.ToString());
                field.Clear();
                afterClosingQuote = false;
                if (!Add(records, recordLine, fields)) return TooMany();
                fields = [];
                line++;
                recordLine = line;
            }
            else if (afterClosingQuote)
                return new([], $"Dòng {line}: sau dấu ngoặc kép đóng phải là dấu phân cách hoặc hết dòng.");
            else if (c == '"' && field.Length == 0)
                quoted = true;
            else
                field.Append(c);
        }
        if (quoted) return new([], $"Dòng {recordLine}: dấu ngoặc kép mở không được đóng.");
        fields.Add(field.ToString());
        if (!Add(records, recordLine, fields)) return TooMany();

        if (records.Count > 0 && HeaderNames.Contains(VietnameseText.Fold(records[0].Fields[0]))) records.RemoveAt(0);
        return records.Count > MaxRecords ? TooMany() : new(records, null);
    }

    private static CsvFile TooMany() => new([], $"Tệp có quá {MaxRecords} dòng dữ liệu; chia thành nhiều tệp.");

    /// <summary>Adds a record unless it is blank; false once there are more than allowed even if the first is a header, to stop reading early.</summary>
    private static bool Add(List<CsvRecord> records, int line, List<string> fields)
    {
        if (fields.All(string.IsNullOrWhiteSpace)) return true;
        records.Add(new CsvRecord(line, fields));
        return records.Count <= MaxRecords + 1;
    }

    private static char DelimiterOf(string text)
    {
        int commas = 0, semicolons = 0;
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"') quoted = !quoted;
            else if (quoted) continue;
            else if (c is '\n' or '\r' && commas + semicolons > 0) break;
            else if (c == ',') commas++;
            else if (c == ';') semicolons++;
        }
        return semicolons > commas ? ';' : ',';
    }
}
