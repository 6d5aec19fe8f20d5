using Microsoft.EntityFrameworkCore;
using Portal.Domain.AdministrativeUnits;
using Portal.Domain.Offices;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.ReferenceData;

public sealed record SeedReport(int SchemesAdded, int UnitsAdded, int OfficesAdded)
{
    public bool ChangedAnything => SchemesAdded + UnitsAdded + OfficesAdded > 0;
}

/// <summary>
/// Inserts the reference data that the database lacks. It only adds: offices that staff have
/// edited keep their address and phone, and a second run changes nothing.
/// </summary>
public sealed class ReferenceDataSeeder
{
    public async Task<SeedReport> SeedAsync(PortalDbContext db, CancellationToken cancellationToken = default)
    {
        var schemesAdded = 0;
        var unitsAdded = 0;
        foreach (var file in ReferenceDataFiles.SchemeFiles)
        {
            var (scheme, units) = ReferenceDataFiles.ReadScheme(file);
            var tree = new AdministrativeTree(scheme, units);
            if (!await db.AdministrativeSchemes.AnyAsync(s => s.Code == scheme.Code, cancellationToken))
            {
                db.AdministrativeSchemes.Add(scheme);
                await db.SaveChangesAsync(cancellationToken);
                schemesAdded++;
            }
            unitsAdded += await AddMissingUnitsAsync(db, tree, units, cancellationToken);
        }
        var officesAdded = await AddMissingOfficesAsync(db, ReferenceDataFiles.ReadOffices(), cancellationToken);
        db.ChangeTracker.Clear();
        return new SeedReport(schemesAdded, unitsAdded, officesAdded);
    }

    private static async Task<int> AddMissingUnitsAsync(PortalDbContext db, AdministrativeTree tree, IReadOnlyList<AdministrativeUnit> units, CancellationToken cancellationToken)
    {
        var schemeCode = tree.Scheme.Code;
        var existing = (await db.AdministrativeUnits.AsNoTracking()
                .Where(u => u.SchemeCode == schemeCode)
                .Select(u => u.Code)
                .ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var missing = units.Where(u => !existing.Contains(u.Code)).ToList();

        // Parents before children, one level per save, so the self-referencing key is always satisfied.
        foreach (var level in missing.GroupBy(u => tree.LevelOf(u.Code)).OrderBy(g => g.Key))
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.AdministrativeUnits.AddRange(level);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        return missing.Count;
    }

    private static async Task<int> AddMissingOfficesAsync(PortalDbContext db, IReadOnlyList<BhxhOffice> offices, CancellationToken cancellationToken)
    {
        _ = new OfficeTree(offices);
        var existing = (await db.BhxhOffices.AsNoTracking().Select(o => o.Code).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var missing = offices.Where(o => !existing.Contains(o.Code)).ToList();
        foreach (var level in missing.GroupBy(o => o.IsProvinceOffice).OrderByDescending(g => g.Key))
        {
            db.BhxhOffices.AddRange(level);
            await db.SaveChangesAsync(cancellationToken);
        }
        return missing.Count;
    }
}
