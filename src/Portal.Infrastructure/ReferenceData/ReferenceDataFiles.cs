using System.Text.Json;
using System.Text.Json.Serialization;
using Portal.Domain;
using Portal.Domain.AdministrativeUnits;
using Portal.Domain.Offices;

namespace Portal.Infrastructure.ReferenceData;

/// <summary>Reads the data files that tools/refdata/generate.mjs writes and this assembly embeds.</summary>
internal static class ReferenceDataFiles
{
    public static readonly string[] SchemeFiles = ["admin-units.gso.json", "admin-units.nq202-2025.json"];

    public static (AdministrativeScheme Scheme, IReadOnlyList<AdministrativeUnit> Units) ReadScheme(string fileName)
    {
        var file = Read<SchemeFile>(fileName);
        var scheme = new AdministrativeScheme(file.Scheme, file.Name, file.Levels.Length);
        var units = file.Units
            .Select(row => new AdministrativeUnit(scheme.Code, row[0]!, row[1]!, row[2]!, row[3]))
            .ToList();
        return (scheme, units);
    }

    public static IReadOnlyList<BhxhOffice> ReadOffices() =>
        Read<OfficeRow[]>("bhxh-offices.json").Select(ToOffice).ToList();

    public static WardOrigins ReadWardOrigins()
    {
        var file = Read<WardOriginsFile>("ward-origins.nq202-2025.json");
        return new WardOrigins(file.Wards.ToDictionary(
            row => row[0].GetString()!,
            row => (IReadOnlyList<string>)row[1].EnumerateArray().Select(district => district[0].GetString()!).ToList(),
            StringComparer.Ordinal));
    }

    private static BhxhOffice ToOffice(OfficeRow row)
    {
        var source = row.Source switch
        {
            "seed" => OfficeSource.Seed,
            "derived" => OfficeSource.Derived,
            _ => throw new DomainRuleException($"Office '{row.Code}' has an unknown source '{row.Source}'."),
        };
        var office = row.ParentCode is null
            ? BhxhOffice.ForProvince(row.Code, row.Name, source, row.UnitCode)
            : BhxhOffice.ForDistrict(row.Code, row.Name, row.ParentCode, source, row.UnitCode);
        office.UpdateContact(row.Address, row.Phone);
        return office;
    }

    private static T Read<T>(string fileName)
    {
        var resource = $"Portal.ReferenceData.{fileName}";
        using var stream = typeof(ReferenceDataFiles).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded reference data '{resource}' is missing.");
        return JsonSerializer.Deserialize<T>(stream, JsonOptions)
            ?? throw new InvalidOperationException($"Embedded reference data '{resource}' is empty.");
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    private sealed record SchemeFile(string Scheme, string Name, string[] Levels, string?[][] Units);

    /// <summary>Rows are <c>[wardCode, [[gsoDistrictCode, oldWards], …]]</c>, most old wards first.</summary>
    private sealed record WardOriginsFile(string Scheme, string OriginScheme, JsonElement[][] Wards);

    private sealed record OfficeRow(
        string Code,
        string Name,
        string? ParentCode,
        string? Address,
        string? Phone,
        string Source,
        [property: JsonPropertyName("unitCode")] string? UnitCode);
}
