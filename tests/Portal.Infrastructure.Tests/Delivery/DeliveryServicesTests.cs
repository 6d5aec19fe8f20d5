using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Infrastructure.Delivery;
using Portal.Infrastructure.Tests.Support;

namespace Portal.Infrastructure.Tests.Delivery;

public sealed class DeliveryServicesTests
{
    private const string Template = "https://sms.example.vn/send?to={phone}&text={text}&key=abc";

    private readonly CapturingLoggerProvider _logs = new();

    [Theory]
    [InlineData(Template, null, SmsRoute.Gateway, typeof(HttpGatewaySmsSender))]
    [InlineData(Template, "true", SmsRoute.Gateway, typeof(HttpGatewaySmsSender))]
    [InlineData(null, "true", SmsRoute.Log, typeof(LoggingSmsSender))]
    [InlineData(null, "false", SmsRoute.None, typeof(UnconfiguredSmsSender))]
    [InlineData(null, null, SmsRoute.None, typeof(UnconfiguredSmsSender))]
    public void The_sms_route_is_the_gateway_when_a_template_is_set_else_the_log_when_asked_else_none(
        string? template, string? writeToLog, SmsRoute route, Type sender)
    {
        using var host = Host(new() { ["Sms:GatewayUrlTemplate"] = template, ["Sms:WriteToLog"] = writeToLog });

        var sms = host.Services.GetRequiredService<ISmsSender>();

        Assert.Equal(route, sms.Route);
        Assert.IsType(sender, sms);
        Assert.Same(sms, host.Services.GetRequiredService<ISmsSender>());
    }

    [Fact]
    public void The_email_sender_is_one_smtp_sender_configured_by_the_smtp_section()
    {
        using var host = Host(new() { ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = "2525", ["Smtp:Security"] = "None", ["Smtp:FromAddress"] = "khong-tra-loi@portal.localhost" });

        var email = host.Services.GetRequiredService<IEmailSender>();

        Assert.IsType<SmtpEmailSender>(email);
        Assert.True(email.IsConfigured);
        Assert.Same(email, host.Services.GetRequiredService<IEmailSender>());
        var options = host.Services.GetRequiredService<IOptions<SmtpOptions>>().Value;
        Assert.Equal((2525, SmtpSecurity.None, "Bảo hiểm xã hội Việt Nam", TimeSpan.FromSeconds(30)), (options.Port, options.Security, options.FromName, options.Timeout));
    }

    [Theory]
    [InlineData("sms.example.vn/send?to={phone}&text={text}")]
    [InlineData("ftp://sms.example.vn/send?to={phone}&text={text}")]
    [InlineData("https://sms.example.vn/send?to={phone}")]
    [InlineData("https://sms.example.vn/send?text={text}")]
    public async Task A_bad_gateway_template_stops_the_start_with_a_message_naming_the_key(string template)
    {
        using var host = Host(new() { ["Sms:GatewayUrlTemplate"] = template });

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Sms:GatewayUrlTemplate", e.Message);
    }

    [Theory]
    [InlineData("Smtp:FromAddress", "")]
    [InlineData("Smtp:FromAddress", "khong-tra-loi")]
    [InlineData("Smtp:FromAddress", "BHXH <khong-tra-loi@portal.localhost>")]
    [InlineData("Smtp:Port", "0")]
    [InlineData("Smtp:Port", "65536")]
    [InlineData("Smtp:Timeout", "00:00:00")]
    public async Task A_bad_smtp_setting_stops_the_start_with_a_message_naming_the_key(string key, string value)
    {
        using var host = Host(new() { ["Smtp:Host"] = "smtp.example.vn", ["Smtp:FromAddress"] = "khong-tra-loi@portal.localhost", [key] = value });

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(key, e.Message);
    }

    [Fact]
    public async Task Without_an_smtp_host_nothing_else_in_the_smtp_section_is_required()
    {
        using var host = Host(new() { ["Smtp:Port"] = "0" });

        await host.StartAsync();
        await host.StopAsync();
    }

    [Fact]
    public async Task The_start_warns_that_sms_and_emails_stay_queued_when_neither_is_configured()
    {
        using var host = Host([]);

        await host.StartAsync();
        await host.StopAsync();

        Assert.Equal(["SMS stay queued: no Sms:GatewayUrlTemplate", "Emails stay queued: no Smtp:Host"], Warnings());
    }

    [Fact]
    public async Task The_start_warns_that_sms_written_to_the_log_reach_no_phone()
    {
        using var host = Host(new() { ["Sms:WriteToLog"] = "true", ["Smtp:Host"] = "127.0.0.1", ["Smtp:FromAddress"] = "khong-tra-loi@portal.localhost" });

        await host.StartAsync();
        await host.StopAsync();

        Assert.Equal(["SMS are written to the log and reach no phone (Sms:WriteToLog)"], Warnings());
    }

    [Fact]
    public async Task A_configured_gateway_and_smtp_server_start_without_a_warning()
    {
        using var host = Host(new() { ["Sms:GatewayUrlTemplate"] = Template, ["Smtp:Host"] = "127.0.0.1", ["Smtp:FromAddress"] = "khong-tra-loi@portal.localhost" });

        await host.StartAsync();
        await host.StopAsync();

        Assert.Empty(Warnings());
    }

    private IHost Host(Dictionary<string, string?> values)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(values);
        builder.Logging.AddProvider(_logs);
        builder.Services.AddDelivery(builder.Configuration);
        return builder.Build();
    }

    private List<string> Warnings() => _logs.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message).ToList();
}
