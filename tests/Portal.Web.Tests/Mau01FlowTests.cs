using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Outbox;
using Portal.Infrastructure.Persistence;
using Portal.Web.Tests.Support;
using static Portal.Web.Tests.Support.Mau01Journey;

namespace Portal.Web.Tests;

public sealed class Mau01FlowTests(PortalApp app) : IClassFixture<PortalApp>
{
    private Task<Mau01Client> StartAsync(string kind = "Individual") => Mau01Journey.StartAsync(app, kind);

    private Task<(Mau01Client Client, string ConfirmationHtml)> RegisterIndividualAsync() => Mau01Journey.RegisterIndividualAsync(app);

    [Fact]
    public async Task An_individual_registers_with_three_photos_and_gets_a_record_number_sms_and_pdf()
    {
        var (client, html) = await RegisterIndividualAsync();
        var page = Mau01Client.Parse(html);

        var number = page.QuerySelector(".record-number")!.TextContent;
        Assert.Matches(@"^GD/\d{4}/\d{5}$", number);
        Assert.Equal($"BHXHVN da nhan duoc to khai cua ma so 0123456789 voi so ho so la {number}. Vui long den BHXH gan nhat de hoan tat thu tuc. Lien he 19009068 de duoc ho tro",
            page.QuerySelector("blockquote.sms")!.TextContent);
        Assert.Contains("BHXH Quận Đống Đa", page.QuerySelector("main")!.TextContent);
        Assert.Contains("trong vòng 10 ngày", page.QuerySelector("main")!.TextContent);

        var download = page.QuerySelectorAll("a").Single(a => a.TextContent.StartsWith("Tải tờ khai", StringComparison.Ordinal));
        Assert.Equal(number.Replace('/', '_') + ".pdf", download.GetAttribute("download"));
        using var pdf = await client.Http.GetAsync(download.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.Equal(number.Replace('/', '_') + ".pdf", pdf.Content.Headers.ContentDisposition!.FileNameStar ?? pdf.Content.Headers.ContentDisposition.FileName!.Trim('"'));
        var text = PdfText(await pdf.Content.ReadAsByteArrayAsync());
        foreach (var value in new[] { "Nguyễn Thị Hồng Nhung", "0123456789", "001190012345", "Trần Văn Đức", "nhung@example.vn", "0912345678",
                     "Công ty Cổ phần Dịch vụ I-VAN Hà Nội", "Số 12 ngõ 34 phố Nguyễn Trãi", "Phường Nhân Chính", "Quận Thanh Xuân", "Thành phố Hà Nội",
                     "BHXH Quận Đống Đa", number })
        {
            Assert.Contains(value, text);
        }

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var declaration = await db.Declarations.Include(d => d.Photos).SingleAsync(d => d.RecordNumber == Portal.Domain.Declarations.RecordNumber.Parse(number));
        Assert.Equal(DeclarationStatus.Submitted, declaration.Status);
        Assert.Equal(declaration.CreatedAt.AddDays(10), declaration.ExpiresAt);
        Assert.Equal(3, declaration.Photos.Count);
        var messages = await db.OutboxMessages.Where(m => m.DeclarationId == declaration.Id).ToListAsync();
        Assert.Contains(messages, m => m.Channel == OutboxChannel.Sms && m.Recipient == "0912345678" && m.Body.Contains(number));
        Assert.Contains(messages, m => m.Channel == OutboxChannel.Email && m.Recipient == "nhung@example.vn" && m.Attachment == OutboxAttachment.Mau01Pdf);
    }

    [Fact]
    public async Task The_pdf_and_the_photos_are_not_served_to_another_browser()
    {
        var (_, html) = await RegisterIndividualAsync();
        var href = Mau01Client.Parse(html).QuerySelectorAll("a").First(a => a.GetAttribute("href")!.EndsWith(".pdf?tai=1", StringComparison.Ordinal)).GetAttribute("href");
        var stranger = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(href)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync("/dang-ky/anh/Portrait")).StatusCode);
    }

    [Fact]
    public async Task A_validation_error_shows_next_to_the_field_and_keeps_every_entry_and_photo()
    {
        var client = await StartAsync();
        await PostStepAsync(client, 1, [], IndividualPhotos());

        var bad = new Dictionary<string, string>(Details) { ["Input.MaSoBhxh"] = "01234567890" };
        var (response, page) = await client.PostFormAsync("/dang-ky/to-khai/2", bad);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/dang-ky/to-khai/2", response.RequestMessage!.RequestUri!.AbsolutePath);
        var summaryLink = Assert.Single(page.QuerySelectorAll(".error-summary a"));
        Assert.Equal("#MaSoBhxh", summaryLink.GetAttribute("href"));
        Assert.Equal("Lỗi: Mã số bảo hiểm xã hội gồm đúng 10 chữ số.", page.QuerySelector("#MaSoBhxh-error")!.TextContent);
        Assert.Equal("true", page.QuerySelector("#MaSoBhxh")!.GetAttribute("aria-invalid"));
        Assert.Equal("01234567890", page.QuerySelector("#MaSoBhxh")!.GetAttribute("value"));
        Assert.Equal("Nguyễn Thị Hồng Nhung", page.QuerySelector("#FullName")!.GetAttribute("value"));
        Assert.Equal("Công ty Cổ phần Dịch vụ I-VAN Hà Nội", page.QuerySelector("#IvanName")!.GetAttribute("value"));

        var photos = await client.GetAsync("/dang-ky/to-khai/1");
        foreach (var kind in new[] { "Portrait", "IdFront", "IdBack" })
        {
            var thumb = photos.QuerySelector($"img[src^='/dang-ky/anh/{kind}']")!;
            using var image = await client.Http.GetAsync(thumb.GetAttribute("src"));
            Assert.Equal("image/jpeg", image.Content.Headers.ContentType!.MediaType);
            Assert.Equal(0xFF, (await image.Content.ReadAsByteArrayAsync())[0]);
        }
    }

    [Theory]
    [InlineData("Input.IdentityNumber", "12345678", "IdentityNumber")]
    [InlineData("Input.IdentityNumber", "003190012345", "IdentityNumber")]
    [InlineData("Input.MobilePhone", "0212345678", "MobilePhone")]
    [InlineData("Input.Email", "nhung@", "Email")]
    [InlineData("Input.IvanName", "", "IvanName")]
    [InlineData("Input.FullName", "Nguyễn\u200BThị", "FullName")]
    public async Task Bad_details_are_refused_with_a_message_at_the_field(string name, string value, string field)
    {
        var client = await StartAsync();
        await PostStepAsync(client, 1, [], IndividualPhotos());
        var (response, page) = await client.PostFormAsync("/dang-ky/to-khai/2", new Dictionary<string, string>(Details) { [name] = value });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(page.QuerySelector($"#{field}-error"));
        Assert.Equal($"#{field}", Assert.Single(page.QuerySelectorAll(".error-summary a")).GetAttribute("href"));
    }

    [Fact]
    public async Task A_fake_image_is_refused_while_the_good_photos_are_kept()
    {
        var client = await StartAsync();
        var files = IndividualPhotos();
        files["Input.IdBack"] = ("cccd-sau.jpg", Encoding.UTF8.GetBytes("đây không phải là ảnh, chỉ là văn bản đổi tên thành .jpg"));
        var (_, page) = await client.PostFormAsync("/dang-ky/to-khai/1", [], files);

        Assert.Equal("Lỗi: Ảnh phải là tệp JPEG hoặc PNG.", page.QuerySelector("#IdBack-error")!.TextContent);
        Assert.NotNull(page.QuerySelector("img[src^='/dang-ky/anh/Portrait']"));
        Assert.NotNull(page.QuerySelector("img[src^='/dang-ky/anh/IdFront']"));
        Assert.Null(page.QuerySelector("img[src^='/dang-ky/anh/IdBack']"));

        // Only the missing photo has to be sent again.
        Assert.Equal("/dang-ky/to-khai/2", await PostStepAsync(client, 1, [], new() { ["Input.IdBack"] = IndividualPhotos()["Input.IdBack"] }));
    }

    [Fact]
    public async Task A_wrong_captcha_or_a_missing_commitment_records_nothing()
    {
        var client = await StartAsync();
        await PostStepAsync(client, 1, [], IndividualPhotos());
        await PostStepAsync(client, 2, new Dictionary<string, string>(Details) { ["Input.MaSoBhxh"] = "0888888888" });
        await PostStepAsync(client, 3, Address);
        await PostStepAsync(client, 4, Office);

        var (_, wrong) = await client.PostFormAsync("/dang-ky/to-khai/5", new() { ["Input.Commitment"] = "true", ["Input.CaptchaAnswer"] = "XXXXX" });
        Assert.Contains("Mã kiểm tra không đúng", wrong.QuerySelector("#CaptchaAnswer-error")!.TextContent);
        var (_, noCommitment) = await client.PostFormAsync("/dang-ky/to-khai/5", new() { ["Input.CaptchaAnswer"] = PortalApp.CaptchaCode });
        Assert.NotNull(noCommitment.QuerySelector("#Commitment-error"));
        var (_, missing) = await client.PostFormAsync("/dang-ky/to-khai/5", new() { ["Input.Commitment"] = "true" });
        Assert.Equal("Lỗi: Vui lòng nhập mã kiểm tra.", missing.QuerySelector("#CaptchaAnswer-error")!.TextContent);
        Assert.Contains("Nguyễn Thị Hồng Nhung", missing.QuerySelector(".summary")!.TextContent);

        using var scope = app.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Declarations.AnyAsync(d => d.MaSoBhxh == "0888888888"));
    }

    [Fact]
    public async Task A_captcha_answer_works_once()
    {
        var client = await StartAsync();
        await PostStepAsync(client, 1, [], IndividualPhotos());
        await PostStepAsync(client, 2, Details);
        await PostStepAsync(client, 3, Address);
        await PostStepAsync(client, 4, Office);
        var review = await client.GetAsync("/dang-ky/to-khai/5");
        var (_, first) = await client.PostAsync(review, "/dang-ky/to-khai/5", new() { ["Input.CaptchaAnswer"] = PortalApp.CaptchaCode });
        Assert.NotNull(first.QuerySelector("#Commitment-error"));
        var (replay, _) = await client.PostAsync(review, "/dang-ky/to-khai/5", new() { ["Input.Commitment"] = "true", ["Input.CaptchaAnswer"] = PortalApp.CaptchaCode });
        Assert.Equal("/dang-ky/to-khai/5", replay.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task Posting_ghi_nhan_twice_creates_one_declaration()
    {
        var client = await StartAsync();
        await PostStepAsync(client, 1, [], IndividualPhotos());
        await PostStepAsync(client, 2, new Dictionary<string, string>(Details) { ["Input.MaSoBhxh"] = "0999999999" });
        await PostStepAsync(client, 3, Address);
        await PostStepAsync(client, 4, Office);
        var first = await client.GetAsync("/dang-ky/to-khai/5");
        var second = await client.GetAsync("/dang-ky/to-khai/5");

        var results = await Task.WhenAll(
            client.PostAsync(first, "/dang-ky/to-khai/5", new() { ["Input.Commitment"] = "true", ["Input.CaptchaAnswer"] = PortalApp.CaptchaCode }),
            client.PostAsync(second, "/dang-ky/to-khai/5", new() { ["Input.Commitment"] = "true", ["Input.CaptchaAnswer"] = PortalApp.CaptchaCode }));
        Assert.Contains(results, r => r.Response.RequestMessage!.RequestUri!.AbsolutePath == "/dang-ky/hoan-tat");
        var (again, _) = await client.PostAsync(first, "/dang-ky/to-khai/5", new() { ["Input.Commitment"] = "true", ["Input.CaptchaAnswer"] = PortalApp.CaptchaCode });
        Assert.Equal("/dang-ky/hoan-tat", again.RequestMessage!.RequestUri!.AbsolutePath);

        using var scope = app.Services.CreateScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Declarations.CountAsync(d => d.MaSoBhxh == "0999999999"));
    }

    [Fact]
    public async Task A_child_is_registered_with_a_portrait_and_a_birth_certificate()
    {
        var client = await StartAsync("Child");
        var photos = await client.GetAsync("/dang-ky/to-khai/1");
        Assert.NotNull(photos.QuerySelector("label[for=BirthCertificate]"));
        Assert.Null(photos.QuerySelector("#IdFront"));
        await PostStepAsync(client, 1, [], new()
        {
            ["Input.Portrait"] = ("be.jpg", File.ReadAllBytes(Mau01Client.Fixture("portrait.jpg"))),
            ["Input.BirthCertificate"] = ("khai-sinh.png", File.ReadAllBytes(Mau01Client.Fixture("birth-certificate.png"))),
        });
        await PostStepAsync(client, 2, new()
        {
            ["Input.FullName"] = "Lê Minh Khôi",
            ["Input.MaSoBhxh"] = "0111222333",
            ["Input.GuardianMaSoBhxh"] = "0123456789",
            ["Input.GuardianIdentityNumber"] = "C1234567",
            ["Input.GuardianName"] = "Lê Thị Hoa",
            ["Input.MobilePhone"] = "0987654321",
        });
        await PostStepAsync(client, 3, Address);
        await PostStepAsync(client, 4, new() { ["Input.OfficeCode"] = "07919", ["Input.SubmissionMethod"] = "AtOffice" });
        var (response, page) = await client.PostFormAsync("/dang-ky/to-khai/5", new() { ["Input.Commitment"] = "true", ["Input.CaptchaAnswer"] = PortalApp.CaptchaCode });
        Assert.Equal("/dang-ky/hoan-tat", response.RequestMessage!.RequestUri!.AbsolutePath);

        var href = page.QuerySelectorAll("a").First(a => a.GetAttribute("href")!.EndsWith(".pdf?tai=1", StringComparison.Ordinal)).GetAttribute("href");
        var text = PdfText(await client.Http.GetByteArrayAsync(href));
        foreach (var value in new[] { "Lê Minh Khôi", "0111222333", "0123456789", "C1234567", "Lê Thị Hoa", "0987654321", "BHXH Quận 7" })
            Assert.Contains(value, text);
        // The guardian signs: the name under "(Ký, ghi rõ họ tên)" is the guardian's.
        Assert.Matches(@"\(Ký, ghi rõ họ tên\)\s+Lê Thị Hoa(\s|$)", text);
    }

    [Fact]
    public async Task A_later_step_cannot_be_reached_before_the_earlier_ones()
    {
        var client = await StartAsync();
        using var response = await client.Http.GetAsync("/dang-ky/to-khai/5");
        Assert.Equal("/dang-ky/to-khai/1", response.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task Without_a_draft_the_form_sends_the_person_to_the_start()
    {
        using var response = await app.CreateClient().GetAsync("/dang-ky/to-khai/2");
        Assert.Equal("/dang-ky", response.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task A_post_after_the_draft_is_gone_sends_the_person_to_the_start_not_to_an_error()
    {
        var client = await StartAsync();
        var page = await client.GetAsync("/dang-ky/to-khai/1");
        var stranger = new Mau01Client(app.CreateClient());
        await stranger.GetAsync("/dang-ky"); // an antiforgery cookie of its own, but no draft
        var strangerPage = await stranger.GetAsync("/dang-ky");
        var token = strangerPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var (response, _) = await stranger.PostAsync(page, "/dang-ky/to-khai/2",
            new Dictionary<string, string>(Details) { ["__RequestVerificationToken"] = token });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/dang-ky", response.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task An_upload_over_the_size_limit_comes_back_to_the_photo_step_with_a_message()
    {
        var client = await StartAsync();
        var big = new byte[21 * 1024 * 1024];
        big[0] = 0xFF;
        big[1] = 0xD8;
        var (response, page) = await client.PostFormAsync("/dang-ky/to-khai/1", [], new() { ["Input.Portrait"] = ("to.jpg", big) });
        Assert.Equal("/dang-ky/to-khai/1", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("vượt quá 20 MB", page.QuerySelector(".error-summary")!.TextContent);
    }

    [Fact]
    public async Task A_six_megabyte_photo_is_refused_at_its_field()
    {
        var client = await StartAsync();
        var big = new byte[6 * 1024 * 1024];
        File.ReadAllBytes(Mau01Client.Fixture("portrait.jpg")).CopyTo(big, 0);
        var (_, page) = await client.PostFormAsync("/dang-ky/to-khai/1", [], new() { ["Input.Portrait"] = ("to.jpg", big) });
        Assert.Contains("5 MB", page.QuerySelector("#Portrait-error")!.TextContent);
    }

    [Fact]
    public async Task Tampered_choices_get_a_message_not_a_server_error()
    {
        var client = await StartAsync();
        await PostStepAsync(client, 1, [], IndividualPhotos());
        var (details, detailsPage) = await client.PostFormAsync("/dang-ky/to-khai/2", new Dictionary<string, string>(Details) { ["Input.Channel"] = "Hacker" });
        Assert.Equal(HttpStatusCode.OK, details.StatusCode);
        Assert.NotNull(detailsPage.QuerySelector("#Channel-error"));
        await PostStepAsync(client, 2, Details);
        await PostStepAsync(client, 3, Address);
        var (office, officePage) = await client.PostFormAsync("/dang-ky/to-khai/4", new() { ["Input.OfficeCode"] = "<script>", ["Input.SubmissionMethod"] = "99", ["Input.SendEmail"] = "maybe" });
        Assert.Equal(HttpStatusCode.OK, office.StatusCode);
        Assert.NotNull(officePage.QuerySelector("#OfficeCode-error"));
        Assert.NotNull(officePage.QuerySelector("#SubmissionMethod-error"));
    }

    internal static string PdfText(byte[] pdf)
    {
        var path = Path.GetTempFileName();
        File.WriteAllBytes(path, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", path, "-"]) { RedirectStandardOutput = true })
                ?? throw new InvalidOperationException("pdftotext did not start: apt-get install poppler-utils");
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return string.Join(' ', text.Normalize(NormalizationForm.FormC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
