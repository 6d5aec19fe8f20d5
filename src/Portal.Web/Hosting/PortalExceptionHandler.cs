using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Portal.Domain;

namespace Portal.Web.Hosting;

/// <summary>
/// Every unhandled exception, in one place. A <see cref="DomainRuleException"/> is a request that broke a domain rule
/// (a stale or tampered form): 409, logged as a warning with the rule. Anything else is a fault of the site: logged as
/// an error with the trace id, 500. Pages then get <c>/loi</c> (<see cref="Features.Shared.ErrorPage"/>) in Vietnamese,
/// which shows the same trace id; <c>/api</c> endpoints get a problem-details JSON body with it.
/// Outside Development only (Development shows the developer exception page).
/// </summary>
public sealed class PortalExceptionHandler(IProblemDetailsService problemDetails, ILogger<PortalExceptionHandler> logger) : IExceptionHandler
{
    public const string ErrorPath = "/loi";

    public static string TraceId(HttpContext http) => Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;

    public static bool IsDomainRule(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is DomainRuleException) return true;
        return false;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var traceId = TraceId(http);
        var domainRule = IsDomainRule(exception);
        if (domainRule)
        {
            // The rules' messages name codes and limits, never a person's data.
            logger.LogWarning("Request {Method} {Path} refused by a domain rule: {Rule} (trace id {TraceId})",
                http.Request.Method, http.Request.Path.Value, Innermost<DomainRuleException>(exception)?.Message, traceId);
            http.Response.StatusCode = StatusCodes.Status409Conflict;
        }
        else
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path} (trace id {TraceId})",
                http.Request.Method, http.Request.Path.Value, traceId);
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
        }
        if (!http.Request.Path.StartsWithSegments("/api")) return false; // re-executed as /loi
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails =
            {
                Status = http.Response.StatusCode,
                Title = domainRule ? "Yêu cầu không phù hợp với quy định" : "Có lỗi xảy ra",
                Extensions = { ["traceId"] = traceId },
            },
        });
    }

    private static T? Innermost<T>(Exception? exception) where T : Exception
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is T found) return found;
        return null;
    }
}
