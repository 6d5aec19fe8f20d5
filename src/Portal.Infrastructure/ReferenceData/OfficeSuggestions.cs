using Portal.Domain.AdministrativeUnits;
using Portal.Domain.Offices;

namespace Portal.Infrastructure.ReferenceData;

/// <summary>
/// Suggests the office for an address (see <see cref="OfficeSuggestion"/>) from the cached office
/// tree and GSO tree; the ward origins are read from the embedded file once per process.
/// </summary>
public sealed class OfficeSuggestions(OfficeDirectory offices, AddressDirectory addresses)
{
    private static readonly Lazy<WardOrigins> Origins = new(ReferenceDataFiles.ReadWardOrigins);

    public async Task<BhxhOffice?> SuggestAsync(AddressCodes address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        var gso = await addresses.GetTreeAsync(AdministrativeScheme.Gso3Tier, cancellationToken);
        if (gso is null) return null;
        var tree = await offices.GetTreeAsync(cancellationToken);
        return OfficeSuggestion.For(address, tree, Origins.Value, gso);
    }
}
