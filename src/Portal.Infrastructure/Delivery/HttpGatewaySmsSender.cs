using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Portal.Infrastructure.Delivery;

/// <summary>
/// Sends an SMS with one HTTP request to the gateway of <see cref="SmsOptions.GatewayUrlTemplate"/>;
/// any answer but 2xx is a <see cref="SmsGatewayException"/>, so the dispatcher retries.
/// </summary>
public sealed class HttpGatewaySmsSender(IHttpClientFactory httpClients, IOptions<SmsOptions> options, ILogger<HttpGatewaySmsSender> logger)
    : ISmsSender
{
    /// <summary>The named HttpClient; its own request logging is removed, because the URL carries the number and the text.</summary>
    public const string HttpClientName = "sms-gateway";

    private readonly SmsOptions _options = options.Value;

    public SmsRoute Route => SmsRoute.Gateway;

    public async Task SendAsync(Guid messageId, string phone, string text, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(_options.Method == SmsGatewayMethod.Post ? HttpMethod.Post : HttpMethod.Get, GatewayUri(phone, text));
        if (request.Method == HttpMethod.Post) request.Content = new ByteArrayContent([]);
        using var response = await httpClients.CreateClient(HttpClientName)
            .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode) throw new SmsGatewayException(response.StatusCode);
        logger.LogInformation("SMS {MessageId} accepted by the gateway", messageId);
    }

    private Uri GatewayUri(string phone, string text) => new(_options.GatewayUrlTemplate
        .Replace(SmsOptions.PhonePlaceholder, Uri.EscapeDataString(FormatPhone(phone, _options.PhoneFormat)), StringComparison.Ordinal)
        .Replace(SmsOptions.TextPlaceholder, Uri.EscapeDataString(text), StringComparison.Ordinal));

    /// <summary><c>0983647986</c> as stored, or <c>84983647986</c>; a number given as <c>+84…</c> or <c>84…</c> is read the same.</summary>
    internal static string FormatPhone(string phone, SmsPhoneFormat format)
    {
        var digits = phone.Trim();
        var national = digits.StartsWith("+84", StringComparison.Ordinal) ? "0" + digits[3..]
            : digits.StartsWith("84", StringComparison.Ordinal) && digits.Length == 11 ? "0" + digits[2..]
            : digits;
        return format == SmsPhoneFormat.International && national.StartsWith('0') ? "84" + national[1..] : national;
    }
}
