using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using BadHttpRequestException = Microsoft.AspNetCore.Http.BadHttpRequestException;
using Microsoft.Extensions.Options;
using Portal.Web.Components;

namespace Portal.Web.Features.Shared;

/// <summary>
/// A form post the site cannot take, answered with <see cref="BadRequestPage"/> in the portal's shell (status 400,
/// in every environment) instead of Blazor's bare 400 or its English developer text: a missing or stale antiforgery
/// token, a body over the limit, a form name (<c>_handler</c>) no form on the page has, or a body that cannot be read.
/// Only browser form posts (url-encoded or multipart) are looked at.
/// </summary>
public static class BadRequestPages
{
    public const string ItemKey = "Portal.BadRequest";

    public enum Reason { FormExpired, TooLarge, UnknownForm, Unreadable }

    /// <summary>Why the post was refused and the local page to go back to.</summary>
    public sealed record Problem(Reason Reason, string Back);

    /// <summary>Place before <c>UseAntiforgery</c>, so a body too large to read is caught before anything reads it.</summary>
    public static IApplicationBuilder UseBadRequestPages(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.HasFormContentType)
            {
                await next(http);
                return;
            }
            if (http.Request.ContentLength > MaxBodySize(http))
            {
                await RenderAsync(http, Reason.TooLarge, http.Items.Keys.ToHashSet());
                return;
            }
            var itemsBefore = http.Items.Keys.ToHashSet();
            var original = http.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
            var guard = new GuardStream(original.Stream, http.Response);
            var guarded = new StreamResponseBodyFeature(guard, original);
            http.Features.Set<IHttpResponseBodyFeature>(guarded);
            Reason? thrown = null;
            try
            {
                await next(http);
            }
            catch (Exception e) when (!http.Response.HasStarted && ReasonOf(e) is { } reason)
            {
                thrown = reason;
            }
            finally
            {
                http.Features.Set(original);
            }
            if (http.Response.HasStarted) return;
            if (thrown is { } caught)
            {
                await RenderAsync(http, caught, itemsBefore);
            }
            else if (http.Response.StatusCode is StatusCodes.Status400BadRequest or StatusCodes.Status413PayloadTooLarge
                     && (guard.Swallowed || !guard.Written))
            {
                await RenderAsync(http, await ReasonOfRefusalAsync(http), itemsBefore);
            }
        });

    /// <summary>
    /// Why the post was answered 400: the antiforgery middleware's verdict on a page (a token that failed, or a body
    /// it could not read); for an endpoint that checks its own token (Đăng xuất) the token checked again; else the form name.
    /// </summary>
    private static async Task<Reason> ReasonOfRefusalAsync(HttpContext http)
    {
        if (http.Features.Get<IAntiforgeryValidationFeature>() is { } verdict)
            return verdict.IsValid ? Reason.UnknownForm : ReasonOf(verdict.Error) ?? Reason.FormExpired;
        try
        {
            return await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http) ? Reason.UnknownForm : Reason.FormExpired;
        }
        catch (Exception e) when (ReasonOf(e) is { } reason)
        {
            return reason;
        }
    }

    /// <summary>The body limit of this request: the endpoint's own (<c>[RequestSizeLimit]</c>) or the server's.</summary>
    private static long? MaxBodySize(HttpContext http)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { } feature) return feature.MaxRequestBodySize;
        if (http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>() is { } metadata)
            return metadata.MaxRequestBodySize;
        return http.RequestServices.GetService<IOptions<KestrelServerOptions>>()?.Value.Limits.MaxRequestBodySize;
    }

    /// <summary>The reason an exception (or one it wraps) stands for, when it is about the request rather than the site.</summary>
    private static Reason? ReasonOf(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }:
                case InvalidDataException: // the form's own limits: value length, value count, multipart body length
                    return Reason.TooLarge;
                case BadHttpRequestException:
                    return Reason.Unreadable;
            }
        }
        return exception is AntiforgeryValidationException ? Reason.FormExpired : null;
    }

    /// <param name="itemsBefore">The request's items before the page's endpoint ran: Blazor's own from that render go.</param>
    private static async Task RenderAsync(HttpContext http, Reason reason, HashSet<object> itemsBefore)
    {
        foreach (var key in http.Items.Keys.Where(k => !itemsBefore.Contains(k)).ToList()) http.Items.Remove(key);
        // The page in the portal's shell, rendered as a GET of its own route in a fresh DI scope (the failed
        // request's renderer has been used); the security headers already set stay.
        var request = http.Request;
        var (path, query, method) = (request.Path, request.QueryString, request.Method);
        var (endpoint, routeValues) = (http.GetEndpoint(), http.Features.Get<IRouteValuesFeature>()?.RouteValues);
        var services = http.RequestServices;
        await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        http.Items[ItemKey] = new Problem(reason, BackLink(request));
        try
        {
            http.RequestServices = scope.ServiceProvider;
            http.SetEndpoint(null);
            if (http.Features.Get<IRouteValuesFeature>() is { } values) values.RouteValues = [];
            request.Path = BadRequestPage.Url;
            request.QueryString = QueryString.Empty;
            request.Method = HttpMethods.Get;
            http.Response.Headers.ContentLength = null;
            // Set by the failed page's render; the page's own render adds it again.
            http.Response.Headers.Remove("blazor-enhanced-nav");
            http.Response.Headers.CacheControl = "no-store";
            await new RazorComponentResult<App> { StatusCode = StatusCodes.Status400BadRequest }.ExecuteAsync(http);
        }
        finally
        {
            (request.Path, request.QueryString, request.Method) = (path, query, method);
            http.SetEndpoint(endpoint);
            if (routeValues is not null && http.Features.Get<IRouteValuesFeature>() is { } values) values.RouteValues = routeValues;
            http.RequestServices = services;
        }
    }

    /// <summary>The page the person came from, when the Referer is one of the portal's own; else the home page.</summary>
    public static string BackLink(HttpRequest request)
    {
        if (Uri.TryCreate(request.Headers.Referer.ToString(), UriKind.Absolute, out var referer)
            && referer.Scheme is "http" or "https"
            && string.Equals(referer.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase))
        {
            var local = referer.PathAndQuery;
            if (local.StartsWith('/') && !local.StartsWith("//", StringComparison.Ordinal) && !local.StartsWith("/\\", StringComparison.Ordinal)
                && local.StartsWith(request.PathBase.Value ?? "", StringComparison.OrdinalIgnoreCase))
                return local;
        }
        return "/";
    }

    /// <summary>
    /// Passes the response through, except a 400 or 413: Blazor's form errors are one English line (sent as
    /// text/html), so that body is swallowed and the response left unstarted for the page to replace. No page of the
    /// portal answers a post with a 400 of its own; one that did would get this page too.
    /// </summary>
    private sealed class GuardStream(Stream inner, HttpResponse response) : Stream
    {
        private bool? _swallow;

        public bool Swallowed => _swallow == true;
        public bool Written => _swallow is not null;

        private bool Swallow => _swallow ??= response.StatusCode is StatusCodes.Status400BadRequest or StatusCodes.Status413PayloadTooLarge;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
            if (_swallow == false) inner.Flush();
        }

        public override Task FlushAsync(CancellationToken cancellationToken) =>
            _swallow == false ? inner.FlushAsync(cancellationToken) : Task.CompletedTask;

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (count > 0 && !Swallow) inner.Write(buffer, offset, count);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            buffer.IsEmpty || Swallow ? ValueTask.CompletedTask : inner.WriteAsync(buffer, cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
