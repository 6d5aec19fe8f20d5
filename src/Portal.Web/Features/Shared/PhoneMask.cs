namespace Portal.Web.Features.Shared;

/// <summary>A phone number shown to someone who may not be its owner's only reader: the first two and last two digits.</summary>
public static class PhoneMask
{
    public static string Mask(string phone) => phone.Length <= 4 ? new string('*', phone.Length) : phone[..2] + new string('*', phone.Length - 4) + phone[^2..];
}
