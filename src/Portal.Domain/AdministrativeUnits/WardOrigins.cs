namespace Portal.Domain.AdministrativeUnits;

/// <summary>
/// Where the wards of the 2-tier scheme come from: for each ward, the GSO districts whose old wards
/// were merged into it, the district that gave the most old wards first.
/// </summary>
public sealed class WardOrigins(IReadOnlyDictionary<string, IReadOnlyList<string>> oldDistrictsByWard)
{
    public int Count => oldDistrictsByWard.Count;

    /// <summary>The GSO district codes, most old wards first; empty for a ward the data does not trace back.</summary>
    public IReadOnlyList<string> OldDistrictsOf(string? wardCode) =>
        wardCode is not null && oldDistrictsByWard.TryGetValue(wardCode, out var districts) ? districts : [];
}
