using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Portal.Infrastructure.Delivery;

public static class DeliveryServices
{
    /// <summary>
    /// The email sender, the SMS sender of the configured route (a gateway template: the gateway; else
    /// <c>Sms:WriteToLog</c>: the log; else none, SMS stay queued), their options validated at start,
    /// and a warning at start for what will not be sent.
    /// </summary>
    public static IServiceCollection AddDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        var smtp = configuration.GetSection(SmtpOptions.Section);
        var sms = configuration.GetSection(SmsOptions.Section);
        // Bound from the configuration given (not the container's), the one the SMS route is picked from.
        services.AddOptions<SmtpOptions>().Bind(smtp)
            .Validate(SmtpOptions.HasValidPort, Key(SmtpOptions.Section, nameof(SmtpOptions.Port), "must be 1 to 65535"))
            .Validate(SmtpOptions.HasValidFromAddress, Key(SmtpOptions.Section, nameof(SmtpOptions.FromAddress), "must be an email address when Smtp:Host is set"))
            .Validate(SmtpOptions.HasValidSecurity, Key(SmtpOptions.Section, nameof(SmtpOptions.Security), "must be None, StartTls or Tls"))
            .Validate(SmtpOptions.HasValidTimeout, Key(SmtpOptions.Section, nameof(SmtpOptions.Timeout), "must be positive"))
            .ValidateOnStart();
        services.AddOptions<SmsOptions>().Bind(sms)
            .Validate(SmsOptions.HasValidTemplate, Key(SmsOptions.Section, nameof(SmsOptions.GatewayUrlTemplate),
                $"must be an absolute http or https URL containing {SmsOptions.PhonePlaceholder} and {SmsOptions.TextPlaceholder}"))
            .Validate(SmsOptions.HasValidMethod, Key(SmsOptions.Section, nameof(SmsOptions.Method), "must be Get or Post"))
            .Validate(SmsOptions.HasValidPhoneFormat, Key(SmsOptions.Section, nameof(SmsOptions.PhoneFormat), "must be National or International"))
            .Validate(SmsOptions.HasValidTimeout, Key(SmsOptions.Section, nameof(SmsOptions.Timeout), "must be positive"))
            .ValidateOnStart();

        services.AddSingleton<IEmailSender, SmtpEmailSender>();

        services.AddHttpClient(HttpGatewaySmsSender.HttpClientName, (provider, client) =>
                client.Timeout = provider.GetRequiredService<IOptions<SmsOptions>>().Value.Timeout)
            // Its request logging would write the URL, which carries the number and the text.
            .RemoveAllLoggers();
        var options = sms.Get<SmsOptions>() ?? new SmsOptions();
        if (options.HasGateway) services.AddSingleton<ISmsSender, HttpGatewaySmsSender>();
        else if (options.WriteToLog) services.AddSingleton<ISmsSender, LoggingSmsSender>();
        else services.AddSingleton<ISmsSender, UnconfiguredSmsSender>();

        services.AddHostedService<DeliveryStartupWarning>();
        return services;
    }

    private static string Key(string section, string key, string rule) => $"{section}:{key} {rule}.";
}
