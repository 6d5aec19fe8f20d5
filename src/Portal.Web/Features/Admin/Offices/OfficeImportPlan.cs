using System.Security.Cryptography;
using System.Text;
using Portal.Domain.Offices;
using Portal.Infrastructure.ReferenceData;

namespace Portal.Web.Features.Admin.Offices;

public sealed record ImportError(int Line, string? Code, string Message);

public sealed record ImportChange(int Line, BhxhOffice Office, OfficeContact After)
{
    public OfficeContact Before => Office.Contact;
}

public sealed record ImportUnchanged(int Line, BhxhOffice Office);

/// <summary>
/// What a CSV of code, address, phone would change, row by row, against the offices as they are now: shown as the
/// preview, and made again from the same text when the admin saves, so that what is saved is what was shown
/// (<see cref="Fingerprint"/>). Any refused row refuses the whole file.
/// </summary>
public sealed class OfficeImportPlan
{
    private OfficeImportPlan(string? problem, IReadOnlyList<ImportError> errors, IReadOnlyList<ImportChange> changes, IReadOnlyList<ImportUnchanged> unchanged)
    {
        Problem = problem;
        Errors = errors;
        Changes = changes;
        Unchanged = unchanged;
    }

    /// <summary>Why the file as a whole could not be read.</summary>
    public string? Problem { get; }
    public IReadOnlyList<ImportError> Errors { get; }
    public IReadOnlyList<ImportChange> Changes { get; }
    public IReadOnlyList<ImportUnchanged> Unchanged { get; }

    public bool CanSave => Problem is null && Errors.Count == 0 && Changes.Count > 0;

    /// <summary>A digest of every change with its before and after values.</summary>
    public string Fingerprint => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n',
        Changes.Select(c => string.Join('\t', c.Office.Code, c.Before.Address, c.Before.Phone, c.After.Address, c.After.Phone))))));

    public IReadOnlyList<OfficeContactChange> ToChanges() => Changes.Select(c => new OfficeContactChange(c.Office.Code, c.After)).ToList();

    public static OfficeImportPlan Refused(string problem) => new(problem, [], [], []);

    public static OfficeImportPlan Make(CsvFile file, OfficeTree offices)
    {
        if (file.Problem is not null) return Refused(file.Problem);
        if (file.Records.Count == 0) return Refused("Tệp không có dòng dữ liệu nào.");
        var errors = new List<ImportError>();
        var changes = new List<ImportChange>();
        var unchanged = new List<ImportUnchanged>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in file.Records)
        {
            var code = record.Fields[0].Trim();
            if (record.Fields.Count != 3)
            {
                errors.Add(new(record.Line, code, $"Cần đúng 3 cột (mã cơ quan, địa chỉ, điện thoại), dòng này có {record.Fields.Count}. Địa chỉ có dấu phẩy phải đặt trong ngoặc kép."));
                continue;
            }
            if (code.Length == 0)
            {
                errors.Add(new(record.Line, null, "Thiếu mã cơ quan."));
                continue;
            }
            if (offices.Find(code) is not { } office)
            {
                errors.Add(new(record.Line, code, $"Không có cơ quan BHXH mã {code}."));
                continue;
            }
            if (!seen.TryAdd(code, record.Line))
            {
                errors.Add(new(record.Line, code, $"Mã {code} đã có ở dòng {seen[code]}."));
                continue;
            }
            var input = OfficeContactValidator.Clean(record.Fields[1], record.Fields[2]);
            var result = OfficeContactValidator.Instance.Validate(input);
            if (!result.IsValid)
            {
                errors.AddRange(result.Errors.Select(e => new ImportError(record.Line, code, e.ErrorMessage)));
                continue;
            }
            var after = OfficeContact.Of(input.Address, input.Phone);
            if (after == office.Contact) unchanged.Add(new(record.Line, office));
            else changes.Add(new(record.Line, office, after));
        }
        return new(null, errors, changes, unchanged);
    }
}
