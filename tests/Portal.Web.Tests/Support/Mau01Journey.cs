using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Portal.Web.Tests.Support;

/// <summary>The values and steps of a complete Mẫu 01 registration, as a browser makes them.</summary>
public static class Mau01Journey
{
    public static readonly Dictionary<string, string> Details = new()
    {
        ["Input.FullName"] = "Nguyễn Thị Hồng Nhung",
        ["Input.MaSoBhxh"] = "0123456789",
        ["Input.IdentityNumber"] = "001190012345",
        ["Input.ContactPerson"] = "Trần Văn Đức",
        ["Input.Email"] = "nhung@example.vn",
        ["Input.MobilePhone"] = "+84 912 345 678",
        ["Input.Channel"] = "Ivan",
        ["Input.IvanName"] = "Công ty Cổ phần Dịch vụ I-VAN Hà Nội",
    };

    /// <summary>A 3-tier address, as on papers older than 1 July 2025 (GSO list: Hà Nội › Quận Thanh Xuân › Phường Nhân Chính).</summary>
    public static readonly Dictionary<string, string> Address = new()
    {
        ["Input.AddressScheme"] = "gso",
        ["Input.ProvinceCode"] = "01",
        ["Input.DistrictCode"] = "009",
        ["Input.WardCode"] = "00343",
        ["Input.Street"] = "Số 12 ngõ 34 phố Nguyễn Trãi",
        ["Input.Action"] = "tiep",
    };

    /// <summary>The 2-tier address in force since 1 July 2025: Thành phố Hà Nội › Phường Thanh Xuân.</summary>
    public static readonly Dictionary<string, string> Address2Tier = new()
    {
        ["Input.AddressScheme"] = "nq202-2025",
        ["Input.ProvinceCode"] = "01",
        ["Input.WardCode"] = "00367",
        ["Input.Street"] = "Số 12 ngõ 34 phố Nguyễn Trãi",
        ["Input.Action"] = "tiep",
    };

    public static readonly Dictionary<string, string> Office = new()
    {
        ["Input.OfficeCode"] = "00106",
        ["Input.SubmissionMethod"] = "ByPost",
        ["Input.SendEmail"] = "true",
    };

    public static Dictionary<string, (string, byte[])> IndividualPhotos() => new()
    {
        ["Input.Portrait"] = ("chan-dung.jpg", File.ReadAllBytes(Mau01Client.Fixture("portrait.jpg"))),
        ["Input.IdFront"] = ("cccd-truoc.jpg", File.ReadAllBytes(Mau01Client.Fixture("id-front.jpg"))),
        ["Input.IdBack"] = ("cccd-sau.jpg", File.ReadAllBytes(Mau01Client.Fixture("id-back.jpg"))),
    };

    public static async Task<Mau01Client> StartAsync(WebApplicationFactory<Program> app, string kind = "Individual")
    {
        var client = new Mau01Client(app.CreateClient());
        var (response, _) = await client.PostFormAsync("/dang-ky", new Dictionary<string, string> { ["Kind"] = kind });
        Assert.Equal("/dang-ky/to-khai/1", response.RequestMessage!.RequestUri!.AbsolutePath);
        return client;
    }

    public static async Task<string> PostStepAsync(Mau01Client client, int step, Dictionary<string, string> fields, Dictionary<string, (string, byte[])>? files = null)
    {
        var (response, page) = await client.PostFormAsync($"/dang-ky/to-khai/{step}", fields, files);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = page.QuerySelectorAll(".error-summary li").Select(li => li.TextContent.Trim()).ToList();
        Assert.True(errors.Count == 0, $"step {step}: {string.Join(" | ", errors)}");
        return response.RequestMessage!.RequestUri!.AbsolutePath;
    }

    public static async Task<(Mau01Client Client, string ConfirmationHtml)> RegisterIndividualAsync(WebApplicationFactory<Program> app)
    {
        var client = await StartAsync(app);
        Assert.Equal("/dang-ky/to-khai/2", await PostStepAsync(client, 1, [], IndividualPhotos()));
        Assert.Equal("/dang-ky/to-khai/3", await PostStepAsync(client, 2, Details));
        Assert.Equal("/dang-ky/to-khai/4", await PostStepAsync(client, 3, Address));
        Assert.Equal("/dang-ky/to-khai/5", await PostStepAsync(client, 4, Office));
        var (response, _) = await client.PostFormAsync("/dang-ky/to-khai/5", new() { ["Input.Commitment"] = "true", ["Input.CaptchaAnswer"] = PortalApp.CaptchaCode.ToLowerInvariant() });
        Assert.Equal("/dang-ky/hoan-tat", response.RequestMessage!.RequestUri!.AbsolutePath);
        return (client, await response.Content.ReadAsStringAsync());
    }
}
