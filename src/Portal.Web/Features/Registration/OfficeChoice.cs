using Portal.Domain.AdministrativeUnits;
using Portal.Domain.Offices;
using Portal.Infrastructure.Drafts;
using Portal.Infrastructure.ReferenceData;

namespace Portal.Web.Features.Registration;

/// <summary>What the office picker shows: see <see cref="OfficePicker"/>.</summary>
/// <param name="Offices">The office directory.</param>
/// <param name="Suggested">The office suggested from the address, if one could be found.</param>
/// <param name="SelectedCode">The radio to check: the office posted or in the draft, else the suggested one.</param>
/// <param name="OtherOpen">Whether "Chọn cơ quan khác" is open: a province select and that province's offices.</param>
/// <param name="OtherProvince">The province whose offices are listed while "Chọn cơ quan khác" is open; null until one is chosen.</param>
public sealed record OfficePickerState(OfficeTree Offices, BhxhOffice? Suggested, string? SelectedCode, bool OtherOpen, OfficeNode? OtherProvince)
{
    public BhxhOffice? Selected => Offices.Find(SelectedCode);
}

/// <summary>
/// The server side of step 4's office picker: the office suggested from the draft's address, and the
/// no-JavaScript "Chọn cơ quan khác" flow (a post that opens a province select, and one that lists another
/// province's offices). With JavaScript the list follows the select through <c>/api/co-quan/{code}</c> instead.
/// </summary>
public sealed class OfficeChoice(OfficeDirectory offices, OfficeSuggestions suggestions)
{
    /// <summary>
    /// A post that only changes what the picker shows ("Chọn cơ quan khác", or "Cập nhật danh sách cơ quan" without
    /// JavaScript): save what was posted, validate nothing, show step 4 again.
    /// </summary>
    public static bool IsPickerAction(string? action) => action is Mau01Actions.OtherOffice or Mau01Actions.Refresh;

    /// <summary>After step 4 is saved: whether the office kept is the address's suggestion (see <see cref="DraftForm.OfficeFollowsAddress"/>).</summary>
    public async Task RememberAsync(DraftForm form, CancellationToken cancellationToken = default)
    {
        form.OfficeFollowsAddress = form.OfficeCode is not null
            && form.OfficeCode == (await suggestions.SuggestAsync(AddressOf(form), cancellationToken))?.Code;
    }

    /// <summary>After step 3 is saved: an office that followed the old address becomes the new address's suggestion.</summary>
    public async Task FollowAddressAsync(DraftForm form, CancellationToken cancellationToken = default)
    {
        if (!form.OfficeFollowsAddress) return;
        form.OfficeCode = (await suggestions.SuggestAsync(AddressOf(form), cancellationToken))?.Code;
    }

    public static AddressCodes AddressOf(DraftForm form) => new(form.Scheme, form.ProvinceCode, form.DistrictCode, form.WardCode);

    /// <param name="address">The draft's address, in the scheme the draft uses.</param>
    /// <param name="chosenCode">The office posted, or on a first visit the draft's office (null when none was chosen yet).</param>
    /// <param name="isPost">Whether the page answers a post: a posted empty choice stays empty instead of falling back to the suggestion.</param>
    /// <param name="action">The posted <c>Input.Action</c>.</param>
    /// <param name="provinceOfficeCode">The posted province office of "Chọn cơ quan khác".</param>
    public async Task<OfficePickerState> PrepareAsync(AddressCodes address, string? chosenCode, bool isPost, string? action,
        string? provinceOfficeCode, CancellationToken cancellationToken = default)
    {
        var tree = await offices.GetTreeAsync(cancellationToken);
        var suggested = await suggestions.SuggestAsync(address, cancellationToken);
        // A first visit preselects the suggestion; an office stored earlier stays chosen while it is in the directory.
        var selected = isPost ? chosenCode : tree.Find(chosenCode)?.Code ?? suggested?.Code;

        var open = isPost && IsPickerAction(action) || suggested is null && tree.Find(selected) is null;
        OfficeNode? province = null;
        if (open)
        {
            var provinceCode = tree.Find(provinceOfficeCode) is { IsProvinceOffice: true } posted ? posted.Code
                : (tree.Find(selected) ?? suggested) is { } office ? tree.ProvinceOf(office)?.Code
                : null;
            province = tree.Provinces.FirstOrDefault(p => p.Office.Code == provinceCode);
        }
        return new OfficePickerState(tree, suggested, selected, open, province);
    }
}
