using System.Security.Cryptography;
using FluentValidation;
using Portal.Domain;
using Portal.Domain.AdministrativeUnits;
using Portal.Domain.Declarations;
using Portal.Domain.Offices;
using Portal.Infrastructure.Drafts;
using Portal.Infrastructure.Files;
using Portal.Infrastructure.Photos;
using Portal.Infrastructure.ReferenceData;

namespace Portal.Web.Features.Registration;

/// <summary>Field name → Vietnamese messages, in the order they were found (the error summary lists them so).</summary>
public sealed class FieldErrors : Dictionary<string, List<string>>
{
    public void Add(string field, string message)
    {
        if (!TryGetValue(field, out var list)) this[field] = list = [];
        list.Add(message);
    }

    public string? First(string field) => TryGetValue(field, out var list) ? list[0] : null;
}

/// <summary>The steps' work: merge what a step posted into the draft, keep valid photos, validate, build the declaration's content.</summary>
public sealed class Mau01Flow(PhotoStore photos, AddressDirectory addresses, OfficeDirectory offices, TimeProvider clock)
{
    /// <summary>The schemes a person may write the address in: the one in force first, then the GSO list of older papers.</summary>
    public static readonly string[] AddressSchemes = [AdministrativeScheme.Resolution202Of2025, AdministrativeScheme.Gso3Tier];

    public async Task<Mau01Validator> ValidatorAsync(DeclarationKind kind, DraftForm form, CancellationToken cancellationToken = default) =>
        new(kind, await AddressTreeAsync(form.Scheme, cancellationToken), await offices.GetTreeAsync(cancellationToken), VietnamTime.Today(clock.GetUtcNow()));

    public async Task<AdministrativeTree> AddressTreeAsync(string scheme, CancellationToken cancellationToken = default) =>
        await addresses.GetTreeAsync(scheme, cancellationToken)
        ?? throw new InvalidOperationException($"Administrative scheme '{scheme}' is not seeded.");

    /// <summary>"Số nhà…, Phường…, [Quận…,] Tỉnh…": the address as written on the form, in the draft's scheme.</summary>
    public static string FullAddress(AdministrativeTree tree, DraftForm form) =>
        string.Join(", ", new[] { form.Street, tree.Find(form.WardCode)?.Name, tree.Find(form.DistrictCode)?.Name, tree.Find(form.ProvinceCode)?.Name }
            .Where(part => !string.IsNullOrEmpty(part)));

    public static void Apply(Mau01Step step, Mau01Input input, DraftForm form)
    {
        switch (step)
        {
            case Mau01Step.Details:
                form.FullName = TextInput.Clean(input.FullName);
                form.MaSoBhxh = TextInput.Clean(input.MaSoBhxh);
                form.IdentityNumber = TextInput.Clean(input.IdentityNumber)?.ToUpperInvariant();
                // The person is their own contact unless they name someone else.
                form.ContactPerson = TextInput.Clean(input.ContactPerson) ?? form.FullName;
                // A guardian's account supplies the guardian's details; whatever a post says of them is ignored.
                if (form.GuardianAccountId is null)
                {
                    form.GuardianMaSoBhxh = TextInput.Clean(input.GuardianMaSoBhxh);
                    form.GuardianIdentityNumber = TextInput.Clean(input.GuardianIdentityNumber)?.ToUpperInvariant();
                    form.GuardianName = TextInput.Clean(input.GuardianName);
                    form.Email = TextInput.Clean(input.Email);
                    form.MobilePhone = TextInput.Clean(input.MobilePhone);
                }
                form.UseFrom = TextInput.Clean(input.UseFrom);
                form.Channel = input.Channel;
                form.IvanName = TextInput.Clean(input.IvanName);
                break;
            case Mau01Step.Address:
                if (TextInput.Clean(input.AddressScheme) is { } scheme && AddressSchemes.Contains(scheme) && scheme != form.Scheme)
                {
                    // Codes of one scheme mean nothing in the other: the lists start again, the street stays.
                    // (A "Tiếp" posts codes chosen for the new scheme; a list refresh posts the old lists' codes.)
                    form.AddressScheme = scheme;
                    form.ProvinceCode = form.DistrictCode = form.WardCode = null;
                    if (input.Action == Mau01Actions.Refresh)
                    {
                        form.Street = TextInput.Clean(input.Street);
                        break;
                    }
                }
                form.AddressScheme = form.Scheme;
                var province = TextInput.Clean(input.ProvinceCode);
                var district = TextInput.Clean(input.DistrictCode);
                var ward = TextInput.Clean(input.WardCode);
                // Without JavaScript the lower selects still post their old choice after a higher one changed: drop it.
                var provinceChanged = province != form.ProvinceCode;
                var districtChanged = district != form.DistrictCode;
                var staleDistrict = provinceChanged && !districtChanged;
                var staleWard = (provinceChanged || districtChanged) && ward == form.WardCode;
                form.ProvinceCode = province;
                form.DistrictCode = staleDistrict ? null : district;
                form.WardCode = staleWard ? null : ward;
                // In the 2-tier scheme wards belong to the province directly.
                if (form.Scheme == AdministrativeScheme.Resolution202Of2025) form.DistrictCode = null;
                form.Street = TextInput.Clean(input.Street);
                break;
            case Mau01Step.Office:
                form.OfficeCode = TextInput.Clean(input.OfficeCode);
                form.SubmissionMethod = input.SubmissionMethod;
                // A guardian with an email address on the account gets the child's form by email.
                form.SendEmail = form.GuardianAccountId is null ? input.SendEmail : form.Email is not null;
                break;
        }
    }

    /// <summary>
    /// Checks each uploaded photo by its content, strips its metadata or scales it down, and stores it in the draft.
    /// A good photo is kept even when another one fails, so nothing valid has to be uploaded twice.
    /// </summary>
    public async Task KeepPhotosAsync(DeclarationKind kind, Mau01Input input, DraftForm form, FieldErrors errors, CancellationToken cancellationToken = default)
    {
        foreach (var photoKind in Labels.PhotosOf(kind))
        {
            var file = input.PhotoOf(photoKind);
            if (file is null) continue;
            if (file.Length > DeclarationPhoto.MaxBytes)
            {
                errors.Add(photoKind.ToString(), PhotoInspector.MessageFor(PhotoProblem.TooLarge));
                continue;
            }
            var bytes = new byte[file.Length];
            await using (var stream = file.OpenReadStream())
                await stream.ReadExactlyAsync(bytes, cancellationToken);

            var (prepared, problem) = PhotoPreparation.Prepare(bytes);
            if (prepared is null)
            {
                errors.Add(photoKind.ToString(), PhotoInspector.MessageFor(problem!.Value));
                continue;
            }
            var clean = prepared.Bytes;
            var key = await photos.SaveAsync(clean, cancellationToken);
            if (form.Photos.TryGetValue(photoKind, out var replaced)) photos.Delete(replaced.Key);
            form.Photos[photoKind] = new StoredPhoto(key, prepared.Format, prepared.Width, prepared.Height, clean.Length,
                Convert.ToHexString(SHA256.HashData(clean)).ToLowerInvariant());
        }
    }

    public static void Collect(FluentValidation.Results.ValidationResult result, FieldErrors errors)
    {
        foreach (var failure in result.Errors) errors.Add(failure.PropertyName, failure.ErrorMessage);
    }

    public async Task<FieldErrors> ValidateAsync(DeclarationKind kind, DraftForm form, IEnumerable<Mau01Step> steps, CancellationToken cancellationToken = default)
    {
        var validator = await ValidatorAsync(kind, form, cancellationToken);
        var errors = new FieldErrors();
        var ruleSets = steps.Select(Mau01Steps.RuleSet).ToArray();
        Collect(await validator.ValidateAsync(form, o => o.IncludeRuleSets(ruleSets), cancellationToken), errors);
        return errors;
    }

    /// <summary>The validated draft as the declaration's content: normalised numbers and the address written out in full.</summary>
    public async Task<DeclarationContent> ToContentAsync(DeclarationKind kind, DraftForm form, CancellationToken cancellationToken = default)
    {
        var tree = await AddressTreeAsync(form.Scheme, cancellationToken);
        var isChild = kind == DeclarationKind.Child;
        return new DeclarationContent
        {
            Kind = kind,
            FullName = form.FullName!,
            MaSoBhxh = form.MaSoBhxh!,
            IdentityNumber = isChild ? null : form.IdentityNumber,
            GuardianMaSoBhxh = isChild ? form.GuardianMaSoBhxh : null,
            GuardianIdentityNumber = isChild ? form.GuardianIdentityNumber : null,
            GuardianName = isChild ? form.GuardianName : null,
            Address = new PostalAddress(form.Scheme, form.ProvinceCode!, tree.Scheme.Depth == 3 ? form.DistrictCode : null, form.WardCode!, form.Street!, FullAddress(tree, form)),
            ContactPerson = isChild ? null : form.ContactPerson,
            Email = form.Email,
            MobilePhone = Identifiers.NormalizeMobile(form.MobilePhone)!,
            UseFrom = Mau01Validator.ParseDate(form.UseFrom),
            Channel = isChild ? TransactionChannel.BhxhPortal : form.Channel ?? TransactionChannel.BhxhPortal,
            IvanName = isChild ? null : form.IvanName,
            OfficeCode = form.OfficeCode!,
            SubmissionMethod = form.SubmissionMethod ?? SubmissionMethod.AtOffice,
            SendEmail = form.SendEmail,
        };
    }
}
