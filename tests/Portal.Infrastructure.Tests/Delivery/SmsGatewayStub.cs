using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Portal.Infrastructure.Tests.Delivery;

/// <summary>An SMS gateway on 127.0.0.1 (Kestrel on a free port) that records each request's method and raw target as sent.</summary>
public sealed class SmsGatewayStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Method, string RawTarget)> _requests = new();

    private SmsGatewayStub(HttpStatusCode answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Run(context =>
        {
            _requests.Enqueue((context.Request.Method, context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget));
            context.Response.StatusCode = (int)answer;
            return context.Response.WriteAsync("OK");
        });
    }

    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl => _app.Urls.Single();

    public IReadOnlyList<(string Method, string RawTarget)> Requests => [.. _requests];

    public static async Task<SmsGatewayStub> StartAsync(HttpStatusCode answer = HttpStatusCode.OK)
    {
        var stub = new SmsGatewayStub(answer);
        await stub._app.StartAsync();
        return stub;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
