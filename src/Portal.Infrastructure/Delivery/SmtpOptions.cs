using MailKit.Security;
using MimeKit;

namespace Portal.Infrastructure.Delivery;

/// <summary>How the connection to the SMTP server is secured; always explicit, never "TLS when the server offers it".</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text (a relay on the same host or network).</summary>
    None,
    /// <summary>Plain connection upgraded with STARTTLS, usually port 587; fails if the server does not offer it.</summary>
    StartTls,
    /// <summary>TLS from the first byte, usually port 465.</summary>
    Tls,
}

/// <summary>The SMTP server emails leave through (section <c>Smtp</c>). No <see cref="Host"/>: emails stay queued.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string Host { get; set; } = "";
    public int Port { get; set; } = 25;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;
    /// <summary>Authenticate with this user name and <see cref="Password"/>; empty: no authentication.</summary>
    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";
    public string FromAddress { get; set; } = "";
    public string FromName { get; set; } = "Bảo hiểm xã hội Việt Nam";
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public SecureSocketOptions SocketOptions => Security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
        _ => throw new InvalidOperationException($"Unknown {Section}:{nameof(Security)} {Security}."),
    };

    internal static bool HasValidFromAddress(SmtpOptions o) =>
        !o.IsConfigured || (MailboxAddress.TryParse(o.FromAddress, out var from) && from.Address == o.FromAddress.Trim() && from.Address.Contains('@'));

    internal static bool HasValidPort(SmtpOptions o) => !o.IsConfigured || o.Port is >= 1 and <= 65535;

    internal static bool HasValidTimeout(SmtpOptions o) => o.Timeout > TimeSpan.Zero && o.Timeout.TotalMilliseconds <= int.MaxValue;

    internal static bool HasValidSecurity(SmtpOptions o) => Enum.IsDefined(o.Security);
}
