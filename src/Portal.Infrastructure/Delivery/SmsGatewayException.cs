using System.Net;

namespace Portal.Infrastructure.Delivery;

/// <summary>The SMS gateway answered, but not with success. Carries the status only: the gateway's reply may quote the number.</summary>
public sealed class SmsGatewayException(HttpStatusCode statusCode)
    : Exception($"The SMS gateway answered HTTP {(int)statusCode}.")
{
    public HttpStatusCode StatusCode { get; } = statusCode;
}
