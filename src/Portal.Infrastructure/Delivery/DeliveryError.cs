using System.Net.Sockets;
using MailKit.Net.Smtp;

namespace Portal.Infrastructure.Delivery;

/// <summary>
/// What the outbox keeps of a failed delivery (its LastError column): the exception's type and codes,
/// never its message, because servers quote the addresses, numbers and text they refuse.
/// </summary>
public static class DeliveryError
{
    private const int MaxDepth = 4;

    public static string Describe(Exception e) => Describe(e, 0);

    private static string Describe(Exception e, int depth)
    {
        var own = e switch
        {
            SmtpCommandException smtp => $"{nameof(SmtpCommandException)} {(int)smtp.StatusCode} {smtp.StatusCode} {smtp.ErrorCode}",
            SmsGatewayException gateway => $"{nameof(SmsGatewayException)} HTTP {(int)gateway.StatusCode}",
            SocketException socket => $"{nameof(SocketException)} {socket.SocketErrorCode}",
            HttpRequestException http when http.StatusCode is { } status => $"{nameof(HttpRequestException)} {http.HttpRequestError} HTTP {(int)status}",
            HttpRequestException http => $"{nameof(HttpRequestException)} {http.HttpRequestError}",
            _ => e.GetType().Name,
        };
        // The cause says more than a wrapper (HttpClient wraps a refused connection, a timeout, a TLS failure).
        return e.InnerException is { } inner && depth < MaxDepth ? $"{own} <- {Describe(inner, depth + 1)}" : own;
    }
}
