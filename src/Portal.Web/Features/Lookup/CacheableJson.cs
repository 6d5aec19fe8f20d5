using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Net.Http.Headers;

namespace Portal.Web.Features.Lookup;

/// <summary>
/// The reference-data JSON conventions of the <c>/api</c> endpoints: Vietnamese as characters, public
/// caching with an ETag that a conditional request revalidates (304), and 404 problem documents.
/// </summary>
public static class CacheableJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static (byte[] Json, EntityTagHeaderValue ETag) Serialize<T>(T value)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(value, Options);
        return (json, new EntityTagHeaderValue($"\"{Convert.ToHexString(SHA256.HashData(json), 0, 12)}\""));
    }

    public static IResult Respond(HttpContext http, byte[] json, EntityTagHeaderValue etag, TimeSpan maxAge)
    {
        http.Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = maxAge };
        http.Response.Headers.ETag = etag.ToString();
        if (http.Request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Compare(etag, useStrongComparison: false)))
            return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(json, "application/json; charset=utf-8");
    }

    public static IResult NotFound(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy");
}
