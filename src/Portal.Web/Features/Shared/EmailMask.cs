namespace Portal.Web.Features.Shared;

/// <summary>An email address shown to someone who may not be its owner: the first letter of the local part and the domain.</summary>
public static class EmailMask
{
    public static string Mask(string email)
    {
        var at = email.IndexOf('@');
        return at <= 1 ? "***" + email[Math.Max(at, 0)..] : email[0] + new string('*', at - 1) + email[at..];
    }
}
