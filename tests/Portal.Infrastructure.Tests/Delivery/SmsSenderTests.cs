using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Infrastructure.Delivery;
using Portal.Infrastructure.Tests.Support;

namespace Portal.Infrastructure.Tests.Delivery;

public sealed class SmsSenderTests
{
    private const string Phone = "0983647986";
    private const string Text = "BHXHVN da nhan duoc to khai cua ma so 0123456789 voi so ho so la GD/2026/00001. " +
        "Vui long den BHXH gan nhat de hoan tat thu tuc. Lien he 19009068 de duoc ho tro";
    private const string EncodedText = "BHXHVN%20da%20nhan%20duoc%20to%20khai%20cua%20ma%20so%200123456789%20voi%20so%20ho%20so%20la%20GD%2F2026%2F00001." +
        "%20Vui%20long%20den%20BHXH%20gan%20nhat%20de%20hoan%20tat%20thu%20tuc.%20Lien%20he%2019009068%20de%20duoc%20ho%20tro";

    private readonly CapturingLoggerProvider _logs = new();

    [Fact]
    public async Task The_gateway_gets_one_get_with_the_number_and_the_text_percent_encoded_in_the_template()
    {
        await using var gateway = await SmsGatewayStub.StartAsync();
        using var services = Services(Gateway(gateway));
        var sender = services.GetRequiredService<ISmsSender>();
        var id = Guid.CreateVersion7();

        await sender.SendAsync(id, Phone, Text, CancellationToken.None);

        Assert.Equal(SmsRoute.Gateway, sender.Route);
        Assert.Equal(("GET", $"/send?to={Phone}&text={EncodedText}&key=abc"), Assert.Single(gateway.Requests));
        var entry = Assert.Single(_logs.Entries);
        Assert.Contains(id.ToString(), entry.Message);
    }

    [Fact]
    public async Task Nothing_logged_on_the_way_to_the_gateway_carries_the_number_or_the_text()
    {
        // The number in the path: HttpClient's own request logging would write it (it hides only the query).
        await using var gateway = await SmsGatewayStub.StartAsync();
        using var services = Services(new() { ["Sms:GatewayUrlTemplate"] = gateway.BaseUrl + "/sms/{phone}/{text}" });

        await services.GetRequiredService<ISmsSender>().SendAsync(Guid.CreateVersion7(), Phone, Text, CancellationToken.None);

        Assert.Equal($"/sms/{Phone}/{EncodedText}", Assert.Single(gateway.Requests).RawTarget);
        Assert.NotEmpty(_logs.Entries);
        Assert.All(_logs.Entries, e => AssertNoPersonalData(e.AllText));
    }

    [Fact]
    public async Task A_503_from_the_gateway_throws_with_its_status_and_is_described_without_the_number()
    {
        await using var gateway = await SmsGatewayStub.StartAsync(HttpStatusCode.ServiceUnavailable);
        using var services = Services(Gateway(gateway));

        var e = await Assert.ThrowsAsync<SmsGatewayException>(() =>
            services.GetRequiredService<ISmsSender>().SendAsync(Guid.CreateVersion7(), Phone, Text, CancellationToken.None));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, e.StatusCode);
        Assert.Equal("SmsGatewayException HTTP 503", DeliveryError.Describe(e));
        Assert.Single(gateway.Requests);
        Assert.Empty(_logs.Entries);
    }

    [Fact]
    public async Task A_gateway_that_is_not_there_throws_and_is_described_by_the_socket_error()
    {
        string url;
        await using (var gone = await SmsGatewayStub.StartAsync()) url = gone.BaseUrl;
        using var services = Services(new() { ["Sms:GatewayUrlTemplate"] = url + "/send?to={phone}&text={text}" });

        var e = await Assert.ThrowsAsync<HttpRequestException>(() =>
            services.GetRequiredService<ISmsSender>().SendAsync(Guid.CreateVersion7(), Phone, Text, CancellationToken.None));

        var described = DeliveryError.Describe(e);
        Assert.Equal("HttpRequestException ConnectionError <- SocketException ConnectionRefused", described);
        AssertNoPersonalData(described);
    }

    [Fact]
    public async Task Post_sends_the_same_url_with_an_empty_body()
    {
        await using var gateway = await SmsGatewayStub.StartAsync();
        using var services = Services(Gateway(gateway, ("Sms:Method", "POST")));

        await services.GetRequiredService<ISmsSender>().SendAsync(Guid.CreateVersion7(), Phone, Text, CancellationToken.None);

        Assert.Equal(("POST", $"/send?to={Phone}&text={EncodedText}&key=abc"), Assert.Single(gateway.Requests));
    }

    [Fact]
    public async Task The_international_format_sends_84_and_the_number_without_its_leading_zero()
    {
        await using var gateway = await SmsGatewayStub.StartAsync();
        using var services = Services(Gateway(gateway, ("Sms:PhoneFormat", "International")));

        await services.GetRequiredService<ISmsSender>().SendAsync(Guid.CreateVersion7(), Phone, "x", CancellationToken.None);

        Assert.Equal("/send?to=84983647986&text=x&key=abc", Assert.Single(gateway.Requests).RawTarget);
    }

    [Theory]
    [InlineData("0983647986", SmsPhoneFormat.National, "0983647986")]
    [InlineData("+84983647986", SmsPhoneFormat.National, "0983647986")]
    [InlineData("84983647986", SmsPhoneFormat.National, "0983647986")]
    [InlineData("0983647986", SmsPhoneFormat.International, "84983647986")]
    [InlineData("+84983647986", SmsPhoneFormat.International, "84983647986")]
    public void A_number_is_written_in_the_configured_format_whichever_form_it_came_in(string phone, SmsPhoneFormat format, string expected) =>
        Assert.Equal(expected, HttpGatewaySmsSender.FormatPhone(phone, format));

    [Fact]
    public async Task The_logging_sender_logs_the_message_id_and_neither_the_number_nor_the_text()
    {
        var sender = new LoggingSmsSender(_logs.CreateLogger<LoggingSmsSender>());
        var id = Guid.CreateVersion7();

        await sender.SendAsync(id, Phone, Text, CancellationToken.None);

        var entry = Assert.Single(_logs.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Equal($"SMS {id} written to the log instead of a gateway (Sms:WriteToLog)", entry.Message);
        AssertNoPersonalData(entry.AllText);
    }

    [Fact]
    public async Task The_unconfigured_sender_refuses_to_send()
    {
        var sender = new UnconfiguredSmsSender();

        Assert.Equal(SmsRoute.None, sender.Route);
        await Assert.ThrowsAsync<InvalidOperationException>(() => sender.SendAsync(Guid.NewGuid(), Phone, Text, CancellationToken.None));
    }

    private static Dictionary<string, string?> Gateway(SmsGatewayStub gateway, params (string Key, string Value)[] more)
    {
        var values = new Dictionary<string, string?> { ["Sms:GatewayUrlTemplate"] = gateway.BaseUrl + "/send?to={phone}&text={text}&key=abc" };
        foreach (var (key, value) in more) values[key] = value;
        return values;
    }

    private ServiceProvider Services(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs))
            .AddDelivery(configuration)
            .BuildServiceProvider(validateScopes: true);
    }

    private static void AssertNoPersonalData(string text)
    {
        Assert.DoesNotContain("983647986", text);
        Assert.DoesNotContain("0123456789", text);
        Assert.DoesNotContain("GD", text);
        Assert.DoesNotContain("BHXHVN", text);
    }
}
