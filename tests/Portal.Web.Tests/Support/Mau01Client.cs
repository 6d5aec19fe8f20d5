using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Portal.Web.Tests.Support;

/// <summary>A browser-like client for the Mẫu 01 steps: keeps cookies, posts each page's form with its hidden fields.</summary>
public sealed class Mau01Client(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "photos", name);

    public async Task<IHtmlDocument> GetAsync(string url)
    {
        using var response = await Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Parse(await response.Content.ReadAsStringAsync());
    }

    public async Task<(HttpResponseMessage Response, IHtmlDocument Page)> PostFormAsync(string url, Dictionary<string, string> fields,
        Dictionary<string, (string FileName, byte[] Bytes)>? files = null, string formSelector = "form[method=post]")
    {
        var page = await GetAsync(url);
        return await PostAsync(page, url, fields, files, formSelector);
    }

    public async Task<(HttpResponseMessage Response, IHtmlDocument Page)> PostAsync(IHtmlDocument page, string url, Dictionary<string, string> fields,
        Dictionary<string, (string FileName, byte[] Bytes)>? files = null, string formSelector = "form[method=post]")
    {
        var form = page.QuerySelector(formSelector) ?? throw new InvalidOperationException($"No form {formSelector} on {url}");
        using var content = new MultipartFormDataContent();
        foreach (var hidden in form.QuerySelectorAll("input[type=hidden]"))
        {
            var name = hidden.GetAttribute("name")!;
            if (!fields.ContainsKey(name)) content.Add(new StringContent(hidden.GetAttribute("value") ?? ""), name);
        }
        foreach (var (name, value) in fields) content.Add(new StringContent(value), name);
        foreach (var (name, (fileName, bytes)) in files ?? new Dictionary<string, (string, byte[])>())
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            content.Add(file, name, fileName);
        }
        var response = await Http.PostAsync(url, content);
        return (response, Parse(await response.Content.ReadAsStringAsync()));
    }

    public static IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);
}
