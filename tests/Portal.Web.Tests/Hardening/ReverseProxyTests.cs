using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Hardening;

/// <summary>Behind nginx, the rate limits count each citizen by the address nginx forwards, and believe only a known proxy.</summary>
public sealed class ReverseProxyTests
{
    /// <summary>Every request arrives from this address, as from nginx on the same machine or from a stranger.</summary>
    private sealed class ArrivesFrom(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                http.Connection.RemoteIpAddress = address;
                return nextMiddleware(http);
            });
            next(app);
        };
    }

    private static async Task<List<HttpStatusCode>> DrawCaptchasAsync(HttpClient client, string forwardedFor, int times)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < times; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/dang-nhap");
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }
        return statuses;
    }

    [Fact]
    public async Task Through_a_proxy_on_loopback_each_client_address_has_its_own_limit()
    {
        await using var app = new PortalApp
        {
            Settings = { ["RateLimits:CaptchaPerMinute"] = "2" },
            TestServices = s => s.AddSingleton<IStartupFilter>(new ArrivesFrom(IPAddress.Loopback)),
        };
        var client = app.CreateClient();

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], await DrawCaptchasAsync(client, "203.0.113.7", 3));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], await DrawCaptchasAsync(client, "203.0.113.8", 2));
    }

    [Fact]
    public async Task A_forwarded_address_from_an_unknown_sender_is_not_believed()
    {
        await using var app = new PortalApp
        {
            Settings = { ["RateLimits:CaptchaPerMinute"] = "2" },
            TestServices = s => s.AddSingleton<IStartupFilter>(new ArrivesFrom(IPAddress.Parse("198.51.100.20"))),
        };
        var client = app.CreateClient();

        await DrawCaptchasAsync(client, "203.0.113.7", 2);
        // A new address in the header changes nothing: the sender is not a known proxy, so its own address counts.
        Assert.Equal([HttpStatusCode.TooManyRequests], await DrawCaptchasAsync(client, "203.0.113.9", 1));
    }

    [Fact]
    public async Task A_known_network_that_is_not_a_cidr_stops_the_start_naming_the_key()
    {
        await using var app = new PortalApp { Settings = { ["ReverseProxy:KnownNetworks"] = "172.16.0.0/99" } };
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("ReverseProxy:KnownNetworks", error.ToString());
    }
}
