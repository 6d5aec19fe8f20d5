namespace Portal.Domain.AdministrativeUnits;

/// <summary>
/// All units of one scheme as a tree. Building it checks the invariants: codes are unique,
/// every parent exists in the same scheme, there are no cycles and no unit is deeper than the scheme allows.
/// </summary>
public sealed class AdministrativeTree
{
    private readonly Dictionary<string, AdministrativeUnit> _byCode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<AdministrativeUnit>> _children = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _levels = new(StringComparer.Ordinal);

    public AdministrativeTree(AdministrativeScheme scheme, IEnumerable<AdministrativeUnit> units)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(units);
        Scheme = scheme;
        var roots = new List<AdministrativeUnit>();
        foreach (var unit in units)
        {
            if (unit.SchemeCode != scheme.Code)
                throw new DomainRuleException($"Unit '{unit.Code}' belongs to scheme '{unit.SchemeCode}', not '{scheme.Code}'.");
            if (!_byCode.TryAdd(unit.Code, unit))
                throw new DomainRuleException($"Unit code '{unit.Code}' appears twice in scheme '{scheme.Code}'.");
        }
        foreach (var unit in _byCode.Values)
        {
            if (unit.ParentCode is null)
            {
                roots.Add(unit);
                continue;
            }
            if (!_byCode.ContainsKey(unit.ParentCode))
                throw new DomainRuleException($"Unit '{unit.Code}' names '{unit.ParentCode}' as its parent, which is not in scheme '{scheme.Code}'.");
            if (!_children.TryGetValue(unit.ParentCode, out var siblings))
                _children[unit.ParentCode] = siblings = [];
            siblings.Add(unit);
        }
        foreach (var unit in _byCode.Values) _levels[unit.Code] = LevelOf(unit);

        Roots = Sorted(roots);
        foreach (var (code, list) in _children) _children[code] = Sorted(list);
    }

    public AdministrativeScheme Scheme { get; }

    /// <summary>The provinces.</summary>
    public IReadOnlyList<AdministrativeUnit> Roots { get; }

    public int Count => _byCode.Count;

    public AdministrativeUnit? Find(string? code) =>
        code is not null && _byCode.TryGetValue(code, out var unit) ? unit : null;

    public IReadOnlyList<AdministrativeUnit> ChildrenOf(string code) =>
        _children.TryGetValue(code, out var list) ? list : [];

    /// <summary>1 for a province, 2 for the level under it, and so on.</summary>
    public int LevelOf(string code) => _levels.TryGetValue(code, out var level)
        ? level
        : throw new DomainRuleException($"Unit '{code}' is not in scheme '{Scheme.Code}'.");

    public int CountAtLevel(int level) => _levels.Values.Count(l => l == level);

    /// <summary>True when the codes go from a province down, each the parent of the next, ending at a unit with no children.</summary>
    public bool IsCompleteChain(IReadOnlyList<string?> codesFromProvince)
    {
        if (codesFromProvince.Count == 0) return false;
        AdministrativeUnit? parent = null;
        foreach (var code in codesFromProvince)
        {
            var unit = Find(code);
            if (unit is null || unit.ParentCode != parent?.Code) return false;
            parent = unit;
        }
        return ChildrenOf(parent!.Code).Count == 0;
    }

    private int LevelOf(AdministrativeUnit unit)
    {
        var level = 1;
        for (var current = unit; current.ParentCode is not null; current = _byCode[current.ParentCode])
        {
            if (++level > Scheme.Depth)
                throw new DomainRuleException($"Unit '{unit.Code}' lies deeper than the {Scheme.Depth} levels of scheme '{Scheme.Code}' (or in a cycle).");
        }
        return level;
    }

    private static List<AdministrativeUnit> Sorted(List<AdministrativeUnit> units) =>
        units.OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
}
