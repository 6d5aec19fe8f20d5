using Portal.Domain;
using Portal.Domain.AdministrativeUnits;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Files;
using Portal.Infrastructure.ReferenceData;

namespace Portal.Infrastructure.Pdf;

/// <summary>Makes a declaration's Mẫu 01 PDF from its row, its portrait file and the office it was sent to.</summary>
public sealed class Mau01PdfService(PhotoStore photos, OfficeDirectory offices, AddressDirectory addresses, IMau01PdfRenderer renderer)
{
    public async Task<byte[]> RenderAsync(Declaration declaration, CancellationToken cancellationToken = default)
    {
        var portrait = declaration.Photos.SingleOrDefault(p => p.Kind == PhotoKind.Portrait);
        var portraitBytes = portrait is null ? null : await photos.ReadAsync(portrait.StorageKey, cancellationToken)
            ?? throw new InvalidOperationException($"The portrait of {declaration.RecordNumber} is missing from the photo store.");
        var office = (await offices.GetTreeAsync(cancellationToken)).Find(declaration.OfficeCode);
        var province = (await addresses.GetTreeAsync(declaration.Address.SchemeCode, cancellationToken))?.Find(declaration.Address.ProvinceCode);

        return renderer.Render(new Mau01Document(
            declaration.RecordNumber.ToString(),
            declaration.Kind,
            VietnamTime.Today(declaration.CreatedAt),
            PlaceName(province),
            declaration.FullName,
            declaration.MaSoBhxh,
            declaration.IdentityNumber,
            declaration.GuardianMaSoBhxh,
            declaration.GuardianIdentityNumber,
            declaration.Address.FullText,
            declaration.ContactPerson,
            declaration.Email,
            declaration.MobilePhone,
            declaration.UseFrom,
            declaration.Channel,
            declaration.IvanName,
            office?.Name ?? declaration.OfficeCode,
            office?.Address,
            office?.Phone,
            declaration.SubmissionMethod,
            portrait is null ? null : new Mau01Photo(portraitBytes!, portrait.Format),
            declaration.RecordNumber.ToString())
        {
            GuardianName = declaration.GuardianName,
            Purpose = declaration.Purpose,
            AmendedEmail = declaration.AmendedEmail,
            AmendedMobilePhone = declaration.AmendedMobilePhone,
            StopFrom = declaration.StopFrom,
            StopReason = declaration.StopReason,
        });
    }

    /// <summary>"Thành phố Hà Nội" is written "Hà Nội" on the date line.</summary>
    private static string PlaceName(AdministrativeUnit? province) =>
        province is null ? "" : province.Name.StartsWith(province.Kind + " ", StringComparison.Ordinal) ? province.Name[(province.Kind.Length + 1)..] : province.Name;
}
