using System.Buffers.Binary;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Captcha;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests;

public sealed class CaptchaAudioTests
{
    private static string? AudioUrl(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelector(".captcha audio")?.GetAttribute("src");

    [Theory]
    [InlineData("/dang-nhap")]
    [InlineData("/tai-khoan/quen-mat-khau")]
    public async Task The_captcha_offers_its_code_as_speech_in_a_wav_file_kept_out_of_caches(string form)
    {
        await using var app = new PortalApp();
        var browser = new Mau01Client(app.CreateClient());

        var page = await browser.GetAsync(form);
        var url = AudioUrl(page);
        Assert.NotNull(url);
        Assert.Equal(url, page.QuerySelector(".captcha .captcha-audio a")?.GetAttribute("href"));
        Assert.DoesNotContain(PortalApp.CaptchaCode, url, StringComparison.OrdinalIgnoreCase);

        using var client = app.CreateClient();
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/wav", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        var wav = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(wav, 0, 4));
        Assert.Equal("WAVE", System.Text.Encoding.ASCII.GetString(wav, 8, 4));
        Assert.Equal(wav.Length - 8, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(4)));
        // Five characters spoken slowly with pauses: several seconds of 16-bit mono, not a click.
        var bytesPerSecond = BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(28));
        Assert.InRange(wav.Length / (double)bytesPerSecond, 4, 20);

        // The same challenge: what the image shows (the fixed code) is what is spoken.
        var expected = await app.Services.GetRequiredService<CaptchaAudio>().SpeakAsync(PortalApp.CaptchaCode);
        Assert.Equal(expected, wav);
    }

    [Fact]
    public async Task The_review_step_of_mau_01_offers_audio_and_doi_ma_khac_gives_new_audio()
    {
        await using var app = new PortalApp();
        var client = await Mau01Journey.StartAsync(app);
        await Mau01Journey.PostStepAsync(client, 1, [], Mau01Journey.IndividualPhotos());
        await Mau01Journey.PostStepAsync(client, 2, Mau01Journey.Details);
        await Mau01Journey.PostStepAsync(client, 3, Mau01Journey.Address);
        await Mau01Journey.PostStepAsync(client, 4, Mau01Journey.Office);
        var review = await client.GetAsync("/dang-ky/to-khai/5");
        var first = AudioUrl(review);
        Assert.NotNull(first);

        var button = review.QuerySelector(".captcha button[type=submit]")!;
        var (_, renewed) = await client.PostAsync(review, "/dang-ky/to-khai/5", new() { [button.GetAttribute("name")!] = button.GetAttribute("value")! });
        var second = AudioUrl(renewed);

        Assert.NotNull(second);
        Assert.NotEqual(first, second);
        using var http = app.CreateClient();
        using var response = await http.GetAsync(second);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/wav", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task An_answered_challenge_has_no_audio_any_more()
    {
        await using var app = new PortalApp();
        var browser = new Mau01Client(app.CreateClient());
        var page = await browser.GetAsync("/dang-nhap");
        var url = AudioUrl(page)!;

        await browser.PostAsync(page, "/dang-nhap", new()
        {
            ["Input.UserName"] = "0123456780", ["Input.Password"] = "Sai12345", ["Input.CaptchaAnswer"] = PortalApp.CaptchaCode,
        }, formSelector: "main form");

        using var response = await app.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_made_up_token_gets_404(string token)
    {
        await using var app = new PortalApp();
        using var response = await app.CreateClient().GetAsync($"/ma-kiem-tra/am-thanh/{token}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Without_espeak_ng_the_form_offers_no_audio_and_the_endpoint_answers_404()
    {
        await using var app = new PortalApp { Settings = { ["Captcha:Audio:Program"] = "/nonexistent/espeak-ng" } };
        var browser = new Mau01Client(app.CreateClient());

        var page = await browser.GetAsync("/dang-nhap");

        Assert.NotNull(page.QuerySelector(".captcha img"));
        Assert.Null(page.QuerySelector(".captcha audio"));
        Assert.DoesNotContain("Nghe mã kiểm tra", page.QuerySelector(".captcha")!.TextContent);
        Assert.False(app.Services.GetRequiredService<CaptchaAudio>().IsAvailable);
    }

    [Fact]
    public async Task Audio_requests_are_limited_per_address()
    {
        await using var app = new PortalApp { Settings = { ["RateLimits:CaptchaAudioPerMinute"] = "2" } };
        using var client = app.CreateClient();
        for (var i = 0; i < 2; i++)
        {
            using var allowed = await client.GetAsync("/ma-kiem-tra/am-thanh/x");
            Assert.Equal(HttpStatusCode.NotFound, allowed.StatusCode);
        }

        using var limited = await client.GetAsync("/ma-kiem-tra/am-thanh/x");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
    }
}
