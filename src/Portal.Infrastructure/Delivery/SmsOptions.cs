namespace Portal.Infrastructure.Delivery;

public enum SmsGatewayMethod
{
    Get,
    /// <summary>The same URL as a GET, with an empty body.</summary>
    Post,
}

/// <summary>How the phone number goes into the gateway's URL; numbers are stored in the national form <c>0983647986</c>.</summary>
public enum SmsPhoneFormat
{
    /// <summary><c>0983647986</c></summary>
    National,
    /// <summary><c>84983647986</c></summary>
    International,
}

/// <summary>How SMS leave (section <c>Sms</c>): an HTTP gateway, the log (Development), or nowhere (they stay queued).</summary>
public sealed class SmsOptions
{
    public const string Section = "Sms";
    public const string PhonePlaceholder = "{phone}";
    public const string TextPlaceholder = "{text}";

    /// <summary>
    /// The gateway's URL, e.g. <c>https://sms.example.vn/send?to={phone}&amp;text={text}&amp;key=…</c>:
    /// <c>{phone}</c> and <c>{text}</c> are replaced by their percent-encoded values. Empty: no gateway.
    /// </summary>
    public string GatewayUrlTemplate { get; set; } = "";
    public SmsGatewayMethod Method { get; set; } = SmsGatewayMethod.Get;
    public SmsPhoneFormat PhoneFormat { get; set; } = SmsPhoneFormat.National;
    /// <summary>Without a gateway, write a line with the message id to the log instead (the Development demo).</summary>
    public bool WriteToLog { get; set; }
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    public bool HasGateway => !string.IsNullOrWhiteSpace(GatewayUrlTemplate);

    internal static bool HasValidTemplate(SmsOptions o)
    {
        if (!o.HasGateway) return true;
        if (!o.GatewayUrlTemplate.Contains(PhonePlaceholder, StringComparison.Ordinal)
            || !o.GatewayUrlTemplate.Contains(TextPlaceholder, StringComparison.Ordinal)) return false;
        var sample = o.GatewayUrlTemplate.Replace(PhonePlaceholder, "0", StringComparison.Ordinal).Replace(TextPlaceholder, "x", StringComparison.Ordinal);
        return Uri.TryCreate(sample, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
    }

    internal static bool HasValidTimeout(SmsOptions o) => o.Timeout > TimeSpan.Zero && o.Timeout.TotalMilliseconds <= int.MaxValue;

    internal static bool HasValidMethod(SmsOptions o) => Enum.IsDefined(o.Method);

    internal static bool HasValidPhoneFormat(SmsOptions o) => Enum.IsDefined(o.PhoneFormat);
}
