using Portal.Domain.Text;

namespace Portal.Domain.Offices;

/// <summary>One office with the offices under it.</summary>
public sealed record OfficeNode(BhxhOffice Office, IReadOnlyList<OfficeNode> Children);

/// <summary>
/// The province → district office tree. Building it checks the tree's invariants: codes are
/// unique and every district office hangs under an existing province office.
/// </summary>
public sealed class OfficeTree
{
    private readonly Dictionary<string, BhxhOffice> _byCode;
    private readonly Dictionary<string, string> _foldedNames;
    private readonly Dictionary<string, BhxhOffice> _byUnitCode;

    public OfficeTree(IEnumerable<BhxhOffice> offices)
    {
        ArgumentNullException.ThrowIfNull(offices);
        _byCode = new Dictionary<string, BhxhOffice>(StringComparer.Ordinal);
        foreach (var office in offices)
        {
            if (!_byCode.TryAdd(office.Code, office))
                throw new DomainRuleException($"Office code '{office.Code}' appears twice.");
        }

        var districtsByProvince = new Dictionary<string, List<BhxhOffice>>(StringComparer.Ordinal);
        foreach (var district in _byCode.Values.Where(o => !o.IsProvinceOffice))
        {
            if (!_byCode.TryGetValue(district.ParentCode!, out var parent) || !parent.IsProvinceOffice)
                throw new DomainRuleException($"Office '{district.Code}' names '{district.ParentCode}' as its province office, which does not exist.");
            if (!districtsByProvince.TryGetValue(parent.Code, out var list))
                districtsByProvince[parent.Code] = list = [];
            list.Add(district);
        }

        Provinces = _byCode.Values
            .Where(o => o.IsProvinceOffice)
            .OrderBy(o => o.Code, StringComparer.Ordinal)
            .Select(p => new OfficeNode(p, districtsByProvince.GetValueOrDefault(p.Code, [])
                .OrderBy(d => d.Code, StringComparer.Ordinal)
                .Select(d => new OfficeNode(d, []))
                .ToList()))
            .ToList();
        _foldedNames = _byCode.Values.ToDictionary(o => o.Code, o => VietnameseText.Fold(o.Name), StringComparer.Ordinal);
        _byUnitCode = _byCode.Values
            .Where(o => o.AdministrativeUnitCode is not null)
            .GroupBy(o => o.AdministrativeUnitCode!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MinBy(o => o.Code, StringComparer.Ordinal)!, StringComparer.Ordinal);
    }

    public IReadOnlyList<OfficeNode> Provinces { get; }

    public int Count => _byCode.Count;

    public BhxhOffice? Find(string? code) =>
        code is not null && _byCode.TryGetValue(code, out var office) ? office : null;

    /// <summary>The office that serves a GSO province or district (the lowest code if several do), or null.</summary>
    public BhxhOffice? Serving(string? gsoUnitCode) =>
        gsoUnitCode is not null && _byUnitCode.TryGetValue(gsoUnitCode, out var office) ? office : null;

    /// <summary>The province office above a district office, or the office itself for a province office.</summary>
    public BhxhOffice? ProvinceOf(BhxhOffice office) => office.IsProvinceOffice ? office : Find(office.ParentCode);

    /// <summary>
    /// The part of the tree that matches a query, ignoring diacritics and case. A query of digits
    /// (brackets allowed, as in "[00106]") matches codes by prefix; any other query matches names.
    /// A matching province keeps all its districts; otherwise a province keeps only its matching districts.
    /// A blank query gives the whole tree; a query of punctuation alone matches nothing.
    /// </summary>
    public IReadOnlyList<OfficeNode> Search(string? query)
    {
        if (string.IsNullOrWhiteSpace(query)) return Provinces;
        var folded = VietnameseText.Fold(query);
        if (folded.Length == 0) return [];

        Func<BhxhOffice, bool> matches = folded.All(char.IsAsciiDigit)
            ? o => o.Code.StartsWith(folded, StringComparison.Ordinal)
            : o => ContainsPhrase(_foldedNames[o.Code], folded);

        var result = new List<OfficeNode>();
        foreach (var province in Provinces)
        {
            if (matches(province.Office))
            {
                result.Add(province);
                continue;
            }
            var districts = province.Children.Where(d => matches(d.Office)).ToList();
            if (districts.Count > 0) result.Add(province with { Children = districts });
        }
        return result;
    }

    private static bool ContainsPhrase(string foldedName, string foldedQuery)
    {
        var at = 0;
        while ((at = foldedName.IndexOf(foldedQuery, at, StringComparison.Ordinal)) >= 0)
        {
            var startsWord = at == 0 || foldedName[at - 1] == ' ';
            if (startsWord) return true;
            at++;
        }
        return false;
    }
}
