using Microsoft.AspNetCore.HttpOverrides;

namespace Portal.Web.Hosting;

/// <summary>
/// Behind nginx every request comes from nginx: the client's address and scheme are taken from its
/// X-Forwarded-For and X-Forwarded-Proto, so that rate limits partition by citizen, not by proxy. Only proxies on
/// loopback (the two-node set-up) and the networks named in <c>ReverseProxy:KnownNetworks</c> (e.g. Docker's
/// "172.16.0.0/12", comma-separated) are believed; a header from anyone else is ignored.
/// </summary>
public static class ReverseProxy
{
    public const string KnownNetworksKey = "ReverseProxy:KnownNetworks";

    public static IServiceCollection AddReverseProxy(this IServiceCollection services, IConfiguration configuration)
    {
        var networks = new List<System.Net.IPNetwork>();
        foreach (var text in (configuration[KnownNetworksKey] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!System.Net.IPNetwork.TryParse(text, out var network))
                throw new InvalidOperationException($"{KnownNetworksKey}: '{text}' is not a network in CIDR form, e.g. 172.16.0.0/12.");
            networks.Add(network);
        }
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Loopback (127.0.0.0/8 and ::1) is known already by default.
            foreach (var network in networks) options.KnownIPNetworks.Add(network);
        });
        return services;
    }
}
