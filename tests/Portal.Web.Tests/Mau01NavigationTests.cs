using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Persistence;
using Portal.Web.Tests.Support;
using static Portal.Web.Tests.Support.Mau01Journey;

namespace Portal.Web.Tests;

/// <summary>Going back and forth through Mẫu 01: nothing typed is lost, a refused Ghi nhận says why, one message per field.</summary>
public sealed class Mau01NavigationTests(PortalApp app) : IClassFixture<PortalApp>
{
    private static string PathOf(HttpResponseMessage response) => response.RequestMessage!.RequestUri!.AbsolutePath;

    private async Task<Mau01Client> UpToReviewAsync(Dictionary<string, string>? details = null)
    {
        var client = await StartAsync(app);
        await PostStepAsync(client, 1, [], IndividualPhotos());
        await PostStepAsync(client, 2, details ?? Details);
        await PostStepAsync(client, 3, Address);
        await PostStepAsync(client, 4, Office);
        return client;
    }

    private static Dictionary<string, string> With(Dictionary<string, string> fields, params (string Key, string Value)[] changes)
    {
        var copy = new Dictionary<string, string>(fields);
        foreach (var (key, value) in changes) copy[key] = value;
        return copy;
    }

    [Fact]
    public async Task Quay_lai_keeps_what_the_step_holds_even_when_it_is_not_valid_yet()
    {
        var client = await StartAsync(app);
        await PostStepAsync(client, 1, [], IndividualPhotos());
        await PostStepAsync(client, 2, Details);

        var (response, _) = await client.PostFormAsync("/dang-ky/to-khai/3", With(Address, ("Input.Action", "quay-lai"), ("Input.WardCode", ""), ("Input.Street", "Số 7 ngõ Văn Chương")));

        Assert.Equal("/dang-ky/to-khai/2", PathOf(response));
        var step3 = await client.GetAsync("/dang-ky/to-khai/3");
        Assert.Equal("Số 7 ngõ Văn Chương", step3.QuerySelector("#Street")!.GetAttribute("value"));
        Assert.Equal("009", step3.QuerySelector("#DistrictCode option[selected]")!.GetAttribute("value"));
        Assert.Null(step3.QuerySelector(".error-summary"));
    }

    [Fact]
    public async Task Enter_presses_tiep_not_quay_lai()
    {
        var client = await StartAsync(app);
        await PostStepAsync(client, 1, [], IndividualPhotos());
        var step2 = await client.GetAsync("/dang-ky/to-khai/2");

        var firstSubmit = step2.QuerySelector("form.mau01 button[type=submit]")!;
        Assert.Equal("tiep", firstSubmit.GetAttribute("value"));
        Assert.Contains(step2.QuerySelectorAll("form.mau01 button[type=submit]"), b => b.GetAttribute("value") == "quay-lai" && b.TextContent == "Quay lại");
    }

    [Fact]
    public async Task A_refused_ghi_nhan_lands_on_the_first_invalid_step_with_its_messages()
    {
        var client = await UpToReviewAsync();
        // Back from step 2 with a phone that is not valid: saved as typed, checked at Ghi nhận.
        var (back, _) = await client.PostFormAsync("/dang-ky/to-khai/2", With(Details, ("Input.Action", "quay-lai"), ("Input.MobilePhone", "12345")));
        Assert.Equal("/dang-ky/to-khai/1", PathOf(back));

        var (refused, page) = await client.PostFormAsync("/dang-ky/to-khai/5", new() { ["Input.Commitment"] = "true", ["Input.CaptchaAnswer"] = PortalApp.CaptchaCode });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("/dang-ky/to-khai/2", PathOf(refused));
        Assert.Contains("Số điện thoại di động không hợp lệ", page.QuerySelector(".error-summary")!.TextContent);
        Assert.Contains("Số điện thoại di động không hợp lệ", page.QuerySelector("#MobilePhone-error")!.TextContent);
        Assert.Equal("12345", page.QuerySelector("#MobilePhone")!.GetAttribute("value"));
        // The stepper links only to the steps that can be reached now.
        var links = page.QuerySelectorAll(".stepper a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/dang-ky/to-khai/1"], links);
        using var scope = app.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Declarations.AnyAsync(d => d.MobilePhone == "12345"));
    }

    [Fact]
    public async Task Tiep_after_sua_returns_to_the_review()
    {
        var client = await UpToReviewAsync();
        var review = await client.GetAsync("/dang-ky/to-khai/5");
        var edit = review.QuerySelectorAll("a.edit").Single(a => a.TextContent.Contains("thông tin đăng ký")).GetAttribute("href")!;

        var (response, page) = await client.PostFormAsync(edit, With(Details, ("Input.Email", "nhung.moi@example.vn")));

        Assert.Equal("/dang-ky/to-khai/5", PathOf(response));
        Assert.Contains("nhung.moi@example.vn", page.QuerySelector(".summary")!.TextContent);
        // Without "Sửa", Tiếp goes on to the next step as usual.
        Assert.Equal("/dang-ky/to-khai/3", await PostStepAsync(client, 2, Details));
    }

    [Fact]
    public async Task Two_ghi_nhan_presses_with_one_captcha_both_show_the_confirmation()
    {
        var client = await UpToReviewAsync(With(Details, ("Input.MaSoBhxh", "0888888888")));
        var review = await client.GetAsync("/dang-ky/to-khai/5");
        var answer = new Dictionary<string, string> { ["Input.Commitment"] = "true", ["Input.CaptchaAnswer"] = PortalApp.CaptchaCode };

        var results = await Task.WhenAll(client.PostAsync(review, "/dang-ky/to-khai/5", answer), client.PostAsync(review, "/dang-ky/to-khai/5", answer));

        Assert.All(results, r => Assert.Equal("/dang-ky/hoan-tat", PathOf(r.Response)));
        Assert.Equal(results[0].Page.QuerySelector(".record-number")!.TextContent, results[1].Page.QuerySelector(".record-number")!.TextContent);
    }

    [Fact]
    public async Task A_wrong_answer_replayed_is_still_a_captcha_error()
    {
        var client = await UpToReviewAsync();
        var review = await client.GetAsync("/dang-ky/to-khai/5");
        var wrong = new Dictionary<string, string> { ["Input.Commitment"] = "true", ["Input.CaptchaAnswer"] = "ZZZZZ" };
        await client.PostAsync(review, "/dang-ky/to-khai/5", wrong);
        var (response, page) = await client.PostAsync(review, "/dang-ky/to-khai/5", wrong);
        Assert.Equal("/dang-ky/to-khai/5", PathOf(response));
        Assert.NotNull(page.QuerySelector("#CaptchaAnswer-error"));
    }

    [Fact]
    public async Task Doi_ma_khac_gives_a_new_image_and_keeps_the_commitment()
    {
        var client = await UpToReviewAsync();
        var review = await client.GetAsync("/dang-ky/to-khai/5");
        var before = review.QuerySelector("input[name='Input.CaptchaId']")!.GetAttribute("value");
        var button = review.QuerySelector(".captcha button[type=submit]")!;
        Assert.Equal("Đổi mã khác", button.TextContent);

        var (response, page) = await client.PostAsync(review, "/dang-ky/to-khai/5",
            new() { ["Input.Commitment"] = "true", [button.GetAttribute("name")!] = button.GetAttribute("value")! });

        Assert.Equal("/dang-ky/to-khai/5", PathOf(response));
        Assert.Null(page.QuerySelector(".error-summary"));
        Assert.NotEqual(before, page.QuerySelector("input[name='Input.CaptchaId']")!.GetAttribute("value"));
        Assert.True(page.QuerySelector("#Commitment")!.HasAttribute("checked"));
    }

    [Theory]
    [InlineData("Input.MaSoBhxh", "", "MaSoBhxh", "Vui lòng nhập mã số bảo hiểm xã hội.")]
    [InlineData("Input.MobilePhone", "", "MobilePhone", "Vui lòng nhập số điện thoại di động.")]
    [InlineData("Input.IdentityNumber", "", "IdentityNumber", "Vui lòng nhập số CMND/HC/CC.")]
    public async Task An_empty_required_field_says_only_that_it_is_required(string name, string value, string field, string message)
    {
        var client = await StartAsync(app);
        await PostStepAsync(client, 1, [], IndividualPhotos());
        var (_, page) = await client.PostFormAsync("/dang-ky/to-khai/2", With(Details, (name, value)));
        var messages = page.QuerySelectorAll(".error-summary a").Where(a => a.GetAttribute("href") == "#" + field).Select(a => a.TextContent).ToList();
        Assert.Equal([message], messages);
    }

    [Fact]
    public async Task No_office_chosen_says_only_choose_one()
    {
        var client = await StartAsync(app);
        await PostStepAsync(client, 1, [], IndividualPhotos());
        await PostStepAsync(client, 2, Details);
        await PostStepAsync(client, 3, Address);
        var (_, page) = await client.PostFormAsync("/dang-ky/to-khai/4", new() { ["Input.SubmissionMethod"] = "AtOffice" });
        Assert.Equal(["Vui lòng chọn cơ quan BHXH tiếp nhận."],
            page.QuerySelectorAll(".error-summary a").Where(a => a.GetAttribute("href") == "#OfficeCode").Select(a => a.TextContent).ToList());
    }

    [Fact]
    public async Task The_review_shows_the_phone_as_stored_and_the_name_as_the_contact_when_none_was_given()
    {
        var client = await UpToReviewAsync(With(Details, ("Input.ContactPerson", ""), ("Input.MobilePhone", "+84 983 647 986")));
        var review = await client.GetAsync("/dang-ky/to-khai/5");
        var summary = review.QuerySelector(".summary")!.TextContent;
        Assert.Contains("0983647986", summary);
        Assert.DoesNotContain("+84", summary);
        var contact = review.QuerySelectorAll(".summary dt").Single(dt => dt.TextContent == "Người liên hệ").NextElementSibling!.TextContent;
        Assert.Equal("Nguyễn Thị Hồng Nhung", contact);
    }

    [Fact]
    public async Task The_name_field_has_a_hint_a_person_understands()
    {
        var client = await StartAsync(app);
        await PostStepAsync(client, 1, [], IndividualPhotos());
        var step2 = await client.GetAsync("/dang-ky/to-khai/2");
        Assert.Equal("Tên cơ quan/tổ chức/cá nhân", step2.QuerySelector("label[for=FullName]")!.TextContent.Replace("*", "").Trim());
        Assert.Equal("Họ và tên của bạn, có dấu.", step2.QuerySelector("#FullName-hint")!.TextContent);
        Assert.Contains("FullName-hint", step2.QuerySelector("#FullName")!.GetAttribute("aria-describedby"));
    }
}
