using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Portal.Domain.Declarations;

namespace Portal.Web.Hosting;

/// <summary>
/// Request-body limits, all from here. Every request may carry <see cref="DefaultMaxRequestBytes"/>; the Mẫu 01 page
/// (<c>[RequestSizeLimit]</c>) takes its photos: <see cref="MaxPhotosPerPost"/> × <see cref="DeclarationPhoto.MaxBytes"/>
/// plus <see cref="FormMargin"/> for the text fields and the multipart framing. A body over its limit gets a friendly
/// Vietnamese answer: the Mẫu 01 photo step with a message, elsewhere the 400 page (<c>BadRequestPages</c>).
/// </summary>
public static class RequestLimits
{
    /// <summary>The most photos one post of Mẫu 01 carries: portrait, ID front and back (a child's form has two).</summary>
    public const int MaxPhotosPerPost = 3;

    /// <summary>Room for the form's text fields and the multipart headers beside the photos.</summary>
    public const long FormMargin = 1024 * 1024;

    /// <summary>The body of a Mẫu 01 post: 3 × 5 MiB + 1 MiB = 16 MiB.</summary>
    public const long Mau01MaxRequestBytes = MaxPhotosPerPost * DeclarationPhoto.MaxBytes + FormMargin;

    /// <summary>Every other request: forms of text, the staff circuit's fallback posts, the dashboard's.</summary>
    public const long DefaultMaxRequestBytes = FormMargin;

    /// <summary>Whole megabytes, for the messages (16 MiB: "16 MB").</summary>
    public static string Megabytes(long bytes) => $"{bytes / (1024 * 1024)} MB";

    public static IServiceCollection AddRequestLimits(this IServiceCollection services)
    {
        // Kestrel's limit (a page's [RequestSizeLimit] raises it); BadRequestPages reads it too.
        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = DefaultMaxRequestBytes);
        services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = Mau01MaxRequestBytes);
        return services;
    }
}
