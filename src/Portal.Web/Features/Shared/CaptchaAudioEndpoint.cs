using Portal.Infrastructure.Captcha;
using Portal.Web.Features.Registration;

namespace Portal.Web.Features.Shared;

/// <summary>
/// The audio alternative to a captcha image: <c>GET /ma-kiem-tra/am-thanh/{token}</c> answers <c>audio/wav</c> spelling
/// the code of the challenge the token names, as long as that challenge is unanswered and unexpired; 404 otherwise,
/// and when espeak-ng is not available. Kept out of caches like the image, and limited per IP
/// (<c>RateLimits:CaptchaAudioPerMinute</c>).
/// </summary>
public static class CaptchaAudioEndpoint
{
    public const string PathPrefix = "/ma-kiem-tra/am-thanh";

    public static string Url(string token) => $"{PathPrefix}/{token}";

    public static IEndpointRouteBuilder MapCaptchaAudioEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet(PathPrefix + "/{token}", async (string token, HttpContext http, CaptchaService captcha, CaptchaAudio audio, CancellationToken ct) =>
        {
            DeclarationFileEndpoints.NoStore(http);
            if (!audio.IsAvailable || await captcha.CodeForAudioAsync(token, ct) is not { } code) return Results.NotFound();
            try
            {
                return Results.Bytes(await audio.SpeakAsync(code, ct), CaptchaAudio.ContentType);
            }
            catch (InvalidOperationException)
            {
                // espeak-ng failed or was too slow; the reason carries no code and was not worth a 500 page.
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }
        });
        return app;
    }
}
