namespace Portal.Web.Features.Registration;

public enum Mau01Step
{
    Photos = 1,
    Details = 2,
    Address = 3,
    Office = 4,
    Review = 5,
}

public static class Mau01Steps
{
    public static readonly Mau01Step[] All = Enum.GetValues<Mau01Step>();

    public static string Title(Mau01Step step) => step switch
    {
        Mau01Step.Photos => "Ảnh",
        Mau01Step.Details => "Thông tin đăng ký",
        Mau01Step.Address => "Địa chỉ liên hệ",
        Mau01Step.Office => "Cơ quan BHXH tiếp nhận",
        Mau01Step.Review => "Kiểm tra và ghi nhận",
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };

    public static string Url(Mau01Step step) => $"/dang-ky/to-khai/{(int)step}";

    /// <summary>The step opened by "Sửa" on the review: its "Tiếp" leads back to the review.</summary>
    public static string EditUrl(Mau01Step step) => $"{Url(step)}?{FromReviewQuery}=1";

    public const string FromReviewQuery = "tu-xem-lai";

    /// <summary>Ghi nhận sent the person back here: the step shows what is wrong with it.</summary>
    public static string RefusedUrl(Mau01Step step) => $"{Url(step)}?{RefusedQuery}=1";

    public const string RefusedQuery = "kiem-tra";

    /// <summary>The FluentValidation rule set that checks what the step collects.</summary>
    public static string RuleSet(Mau01Step step) => step.ToString();
}
