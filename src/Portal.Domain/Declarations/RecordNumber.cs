using System.Globalization;

namespace Portal.Domain.Declarations;

/// <summary>The record number of a declaration: GD/&lt;year&gt;/&lt;5-digit sequence&gt;, e.g. GD/2026/00107.</summary>
public readonly record struct RecordNumber : IComparable<RecordNumber>
{
    public RecordNumber(int year, int sequence)
    {
        if (year is < 2000 or > 9999) throw new DomainRuleException($"A record number's year must be 2000–9999, not {year}.");
        if (sequence is < 1 or > 99_999) throw new DomainRuleException($"A record number's sequence must be 1–99999, not {sequence}.");
        Year = year;
        Sequence = sequence;
    }

    public int Year { get; }
    public int Sequence { get; }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"GD/{Year}/{Sequence:00000}");

    /// <summary>The PDF's file name: the number with "_" for "/".</summary>
    public string FileName => ToString().Replace('/', '_') + ".pdf";

    public int CompareTo(RecordNumber other) => (Year, Sequence).CompareTo((other.Year, other.Sequence));

    public static RecordNumber Parse(string text) =>
        TryParse(text, out var number) ? number : throw new FormatException($"'{text}' is not a record number (GD/yyyy/nnnnn).");

    public static bool TryParse(string? text, out RecordNumber number)
    {
        number = default;
        var parts = text?.Trim().Split('/');
        if (parts is not ["GD", { Length: 4 } y, { Length: 5 } s]) return false;
        if (!int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            || year < 2000 || sequence < 1) return false;
        number = new RecordNumber(year, sequence);
        return true;
    }

    /// <summary>
    /// A record number as a person types or copies it: any letter case, and the PDF's file name form
    /// with "_" for "/" (<c>gd_2026_00001</c>, <c>GD_2026_00001.pdf</c>); otherwise as strict as <see cref="TryParse"/>.
    /// </summary>
    public static bool TryParseTyped(string? text, out RecordNumber number)
    {
        var compact = text?.Trim().ToUpperInvariant();
        if (compact is not null && compact.EndsWith(".PDF", StringComparison.Ordinal)) compact = compact[..^4];
        return TryParse(compact?.Replace('_', '/'), out number);
    }
}
