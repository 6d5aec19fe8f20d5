using Microsoft.AspNetCore.Components;
using Portal.Domain;
using Portal.Domain.AdministrativeUnits;
using Portal.Domain.Declarations;
using Portal.Domain.Offices;
using Portal.Infrastructure.Declarations;
using Portal.Infrastructure.Captcha;
using Portal.Infrastructure.Drafts;

using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Registration;

public sealed partial class Mau01Page
{
    /// <summary>Three photos of at most 5 MB each, plus the form's text.</summary>
    public const long MaxRequestBytes = 20 * 1024 * 1024;

    [Parameter] public int StepNumber { get; set; }
    [CascadingParameter] private HttpContext HttpContext { get; set; } = default!;
    [SupplyParameterFromForm(FormName = "mau01")] private Mau01Input? Input { get; set; }
    [SupplyParameterFromQuery(Name = "loi")] private string? ErrorCode { get; set; }
    [SupplyParameterFromQuery(Name = Mau01Steps.FromReviewQuery)] private string? FromReview { get; set; }
    [SupplyParameterFromQuery(Name = Mau01Steps.RefusedQuery)] private string? Refused { get; set; }

    private Draft? _draft;
    private string? _redirect;
    private DraftForm? _form;
    private DeclarationKind _kind;
    private FieldErrors _errors = new();
    private OfficeTree? _officeTree;
    private OfficePickerState? _officePicker;
    private AdministrativeTree? _addressTree;
    private string? _captchaId, _captchaPng;

    private Mau01Step Step => Enum.IsDefined((Mau01Step)StepNumber) ? (Mau01Step)StepNumber : Mau01Step.Photos;
    private Mau01Step MaxReachable => (Mau01Step)Math.Min(_form!.CompletedStep + 1, (int)Mau01Step.Review);
    private bool TooLarge => ErrorCode == "dung-luong" && Step == Mau01Step.Photos;
    private bool ReturnToReview => Step != Mau01Step.Review && (FromReview is not null || Input?.ReturnToReview == true);
    private string NextLabel => Step == Mau01Step.Review ? "Ghi nhận" : "Tiếp";

    protected override async Task OnInitializedAsync()
    {
        _draft = await Drafts.FindAsync(DraftCookie.Read(HttpContext));
        var form = _draft is null ? null : DraftForm.FromJson(_draft.FormJson);
        _redirect = _draft switch
        {
            null => "/dang-ky?het-han=true",
            // A guardian's draft continues only for that guardian, signed in.
            _ when form!.GuardianAccountId is { } guardian && !ChildRegistration.GuardianAccount.IsSignedIn(HttpContext.User, guardian) =>
                $"{Account.AccountSetup.LoginPath}?ReturnUrl={Uri.EscapeDataString(Mau01Steps.Url(Mau01Step.Photos))}",
            // A repeated Ghi nhận (double click, back button) lands on the declaration already made.
            { DeclarationId: not null } => ConfirmationPage.Url,
            _ when !Enum.IsDefined((Mau01Step)StepNumber) || StepNumber > form!.CompletedStep + 1 =>
                Mau01Steps.Url((Mau01Step)Math.Min(form!.CompletedStep + 1, (int)Mau01Step.Review)),
            _ => null,
        };
        if (_redirect is not null)
        {
            // On a post the form handler redirects: a post must reach the handler of the form it names.
            if (HttpMethods.IsGet(HttpContext.Request.Method)) Navigation.NavigateTo(_redirect);
            return;
        }
        _kind = _draft!.Kind;
        // The steps show the draft; the post model carries only what a post sends.
        Input ??= new Mau01Input();
        var isGet = HttpMethods.IsGet(HttpContext.Request.Method);
        // Ghi nhận sent the person back to this step: say what is wrong with it, field by field.
        if (isGet && Refused is not null && Step != Mau01Step.Review)
            _errors = await Flow.ValidateAsync(_kind, form!, [Step]);
        // A post renders once before its handler runs; a new captcha is only worth making for a page that will be shown.
        await PrepareAsync(form!, issueCaptcha: isGet);
        // Set last: Blazor renders the page at the first await that does not complete at once, and a step
        // must not be drawn before what it shows is loaded.
        _form = form;
    }

    private async Task HandleAsync()
    {
        if (_redirect is not null)
        {
            Navigation.NavigateTo(_redirect);
            return;
        }
        var form = _form!;
        var action = Input!.Action;

        if (action == Mau01Actions.Back)
        {
            await GoBackAsync(form);
            return;
        }
        if (Step == Mau01Step.Review)
        {
            if (action == Mau01Actions.NewCaptcha) await PrepareAsync(_form!);
            else await SubmitAsync(form);
            return;
        }

        if (Step == Mau01Step.Photos) await Flow.KeepPhotosAsync(_kind, Input, form, _errors);
        else await ApplyAsync(form);

        var refreshOnly = action == Mau01Actions.Refresh || Step == Mau01Step.Office && OfficeChoice.IsPickerAction(action);
        if (!refreshOnly)
        {
            foreach (var (field, messages) in await Flow.ValidateAsync(_kind, form, [Step]))
            {
                if (!_errors.ContainsKey(field)) messages.ForEach(m => _errors.Add(field, m));
            }
        }
        if (_errors.Count == 0 && !refreshOnly) form.CompletedStep = Math.Max(form.CompletedStep, (int)Step);
        await Drafts.SaveAsync(_draft!, form);

        if (_errors.Count == 0 && !refreshOnly)
        {
            var backToReview = Input.ReturnToReview && form.CompletedStep >= (int)Mau01Step.Office;
            Navigation.NavigateTo(Mau01Steps.Url(backToReview ? Mau01Step.Review : Step + 1));
            return;
        }
        await PrepareAsync(_form!);
    }

    /// <summary>Saves what the step posted into the draft; the office follows the address while it is the suggested one.</summary>
    private async Task ApplyAsync(DraftForm form)
    {
        Mau01Flow.Apply(Step, Input!, form);
        if (Step == Mau01Step.Address) await OfficeChoice.FollowAddressAsync(form);
        if (Step == Mau01Step.Office) await OfficeChoice.RememberAsync(form);
    }

    /// <summary>"Quay lại": what the step holds is saved as it is, checked later, so nothing typed is lost.</summary>
    private async Task GoBackAsync(DraftForm form)
    {
        if (Step == Mau01Step.Photos) await Flow.KeepPhotosAsync(_kind, Input!, form, new FieldErrors());
        else if (Step != Mau01Step.Review) await ApplyAsync(form);
        await Drafts.SaveAsync(_draft!, form);
        Navigation.NavigateTo(Mau01Steps.Url(Step == Mau01Step.Photos ? Step : Step - 1));
    }

    private async Task SubmitAsync(DraftForm form)
    {
        // Every earlier step is checked again: a step reached by URL, or data changed since, sends the person back there.
        foreach (var earlier in Mau01Steps.All.Where(s => s != Mau01Step.Review))
        {
            if ((await Flow.ValidateAsync(_kind, form, [earlier])).Count == 0) continue;
            form.CompletedStep = Math.Min(form.CompletedStep, (int)earlier - 1);
            await Drafts.SaveAsync(_draft!, form);
            Navigation.NavigateTo(Mau01Steps.RefusedUrl(earlier));
            return;
        }
        if (!Input!.Commitment)
            _errors.Add("Commitment", "Vui lòng đánh dấu xác nhận lời cam kết trước khi ghi nhận.");
        // A guardian signed in has proved who they are; the submit rate limit still applies.
        if (form.GuardianAccountId is null)
        {
            if (string.IsNullOrWhiteSpace(Input.CaptchaAnswer))
            {
                _errors.Add("CaptchaAnswer", "Vui lòng nhập mã kiểm tra.");
            }
            else
            {
                var verdict = await Captcha.CheckAsync(Input.CaptchaId, Input.CaptchaAnswer);
                // The right answer, already used: a second press of Ghi nhận while the first is being recorded.
                // The person sees what the first one made, not a captcha error.
                if (verdict == CaptchaVerdict.AnsweredBefore && await Drafts.WaitForDeclarationAsync(_draft!.Id, TimeSpan.FromSeconds(10)) is not null)
                {
                    Navigation.NavigateTo(ConfirmationPage.Url);
                    return;
                }
                if (verdict != CaptchaVerdict.Passed)
                    _errors.Add("CaptchaAnswer", "Mã kiểm tra không đúng hoặc đã hết hạn. Vui lòng nhập mã trong ảnh mới.");
            }
        }

        if (_errors.Count == 0)
        {
            try
            {
                await Submitter.SubmitAsync(_draft!, await Flow.ToContentAsync(_kind, form), form.Photos,
                    form.GuardianAccountId is null ? null : id => PublicUrl.Of(HttpContext, PdfLinks.PathFor(id)));
                Navigation.NavigateTo(ConfirmationPage.Url);
                return;
            }
            catch (MissingPhotoException e)
            {
                form.Photos.Remove(e.Kind);
                form.CompletedStep = 0;
                await Drafts.SaveAsync(_draft!, form);
                Navigation.NavigateTo(Mau01Steps.RefusedUrl(Mau01Step.Photos));
                return;
            }
        }
        await PrepareAsync(_form!);
    }

    private async Task PrepareAsync(DraftForm form, bool issueCaptcha = true)
    {
        switch (Step)
        {
            case Mau01Step.Address:
                _addressTree = await Flow.AddressTreeAsync(form.Scheme);
                break;
            case Mau01Step.Office:
                var isPost = !HttpMethods.IsGet(HttpContext.Request.Method);
                _officePicker = await OfficeChoice.PrepareAsync(OfficeChoice.AddressOf(form),
                    isPost ? Input!.OfficeCode : form.OfficeCode, isPost, Input!.Action, Input.OfficeProvinceCode);
                break;
            case Mau01Step.Review:
                _addressTree = await Flow.AddressTreeAsync(form.Scheme);
                _officeTree = await Offices.GetTreeAsync();
                if (!issueCaptcha || form.GuardianAccountId is not null) break;
                var (id, png) = await Captcha.IssueAsync();
                (_captchaId, _captchaPng) = (id, Convert.ToBase64String(png));
                break;
        }
    }
}
