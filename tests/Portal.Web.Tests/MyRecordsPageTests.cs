using System.Net;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Accounts;
using Portal.Infrastructure.Outbox;
using Portal.Web.Features.Registration;
using Portal.Web.Features.Shared;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests;

/// <summary>Hồ sơ của tôi: the signed-in account's own declarations and its children's.</summary>
public sealed class MyRecordsPageTests
{
    private const string Owner = "0123456789";
    private const string Stranger = "0987654321";

    /// <summary>Each card's facts by their labels, with its record number, delivery lines and links.</summary>
    private sealed record Card(string RecordNumber, Dictionary<string, string> Facts, List<string> Delivery, List<string> Links);

    private static List<Card> Cards(IDocument page) => page.QuerySelectorAll("li.record-card").Select(card => new Card(
        card.QuerySelector(".record-number")!.TextContent,
        card.QuerySelectorAll("dt").ToDictionary(dt => dt.TextContent.Trim(), dt => dt.NextElementSibling!.TextContent.Trim()),
        card.QuerySelectorAll("p.delivery").Select(p => p.TextContent.Trim()).ToList(),
        card.QuerySelectorAll("a").Select(a => a.GetAttribute("href")!).ToList())).ToList();

    [Fact]
    public async Task My_records_lists_own_and_childrens_declarations_newest_first_with_status_office_expiry_and_delivery()
    {
        await using var app = new PortalApp();
        var now = DateTimeOffset.UtcNow;
        var accepted = await TestDeclarations.SeedAsync(app, TestDeclarations.Individual(Owner), now.AddDays(-40), d =>
        {
            d.MarkReceived(now.AddDays(-38));
            d.Accept(now.AddDays(-37));
        });
        var rejected = await TestDeclarations.SeedAsync(app, TestDeclarations.Child(Owner, "Lê Minh Khôi", "0123456781"), now.AddDays(-3),
            d => d.Reject("Ảnh giấy khai sinh không rõ nét", now.AddDays(-2)));
        var received = await TestDeclarations.SeedAsync(app, TestDeclarations.Child(Owner, "Lê Minh Anh", "0123456782", email: "nhung@example.vn"),
            now.AddDays(-1), d => d.MarkReceived(now.AddHours(-2)));
        var sentAt = now.AddDays(-3).AddMinutes(1);
        await TestDeclarations.SetDeliveryAsync(app, rejected.Id, OutboxChannel.Sms, "Gateway", sentAt);
        await TestDeclarations.SetDeliveryAsync(app, received.Id, OutboxChannel.Sms, "Log", now.AddDays(-1));
        await TestDeclarations.SetDeliveryAsync(app, received.Id, OutboxChannel.Email, via: null, now.AddDays(-1));
        // Someone else's, and a child of someone else.
        await TestDeclarations.SeedAsync(app, TestDeclarations.Individual(Stranger), now.AddDays(-1));
        await TestDeclarations.SeedAsync(app, TestDeclarations.Child(Stranger, "Vũ Thị Lan", "0987654322"), now.AddDays(-1));
        await Mau01Journey.RegisterIndividualAsync(app);
        var submitted = await TestDeclarations.FindAsync(app, Owner, DeclarationStatus.Submitted);
        await TestAccounts.CreateAsync(app, PortalRoles.Citizen, Owner, fullName: "Nguyễn Thị Hồng Nhung");
        var (browser, _, account) = await TestAccounts.SignInAsync(app, Owner);

        Assert.NotNull(account.QuerySelector("main a[href='/tai-khoan/ho-so']"));
        var cards = Cards(await browser.GetAsync("/tai-khoan/ho-so"));

        Assert.Equal([submitted.RecordNumber.ToString(), received.RecordNumber.ToString(), rejected.RecordNumber.ToString(), accepted.RecordNumber.ToString()], cards.Select(c => c.RecordNumber.ToString()));
        var (mine, anh, khoi, old) = (cards[0], cards[1], cards[2], cards[3]);
        Assert.Equal(["Bản thân", "Lê Minh Anh", "Lê Minh Khôi", "Bản thân"], cards.Select(c => c.Facts["Tờ khai của"]));
        Assert.Equal(["Chờ nộp hồ sơ tại cơ quan BHXH", "Cơ quan BHXH đã tiếp nhận", "Bị từ chối", "Đã duyệt"], cards.Select(c => c.Facts["Tình trạng"]));
        Assert.Equal("Ảnh giấy khai sinh không rõ nét", khoi.Facts["Lý do từ chối"]);
        Assert.All([mine, anh, old], c => Assert.False(c.Facts.ContainsKey("Lý do từ chối")));
        Assert.Equal(["BHXH Quận Đống Đa", "BHXH Quận Ba Đình", "BHXH Quận Ba Đình", "BHXH Quận Đống Đa"], cards.Select(c => c.Facts["Cơ quan BHXH tiếp nhận"]));
        // The deadline while the form waits to be handed in only, as a date in Vietnam.
        Assert.Equal(Portal.Domain.VietnamTime.ToLocal(submitted.ExpiresAt).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture),
            mine.Facts["Hạn nộp hồ sơ"]);
        Assert.All([anh, khoi, old], c => Assert.False(c.Facts.ContainsKey("Hạn nộp hồ sơ")));

        Assert.Equal(["Tin nhắn sẽ được gửi tới số 0912345678 trong ít phút.", "Tờ khai sẽ được gửi tới địa chỉ thư điện tử nhung@example.vn trong ít phút."],
            mine.Delivery);
        Assert.Equal([
            "Tin nhắn chưa được gửi tới số 0912345678: máy chủ thử nghiệm này chưa kết nối cổng SMS, nội dung tin nhắn ở dưới.",
            "Chưa gửi được tờ khai tới địa chỉ thư điện tử nhung@example.vn. Bạn vẫn có thể tải tờ khai ở trên.",
        ], anh.Delivery);
        Assert.Equal([$"Tin nhắn đã được gửi tới số 0912345678 lúc {TimeText.HourMinute(sentAt)}."], khoi.Delivery);
        Assert.Equal(["Tin nhắn sẽ được gửi tới số 0912000111 trong ít phút."], old.Delivery);

        Assert.Contains(DeclarationFileEndpoints.PdfPath(received.Id, download: true), anh.Links);
        foreach (var href in cards.SelectMany(c => c.Links.Where(l => l.StartsWith("/ho-so/", StringComparison.Ordinal))))
        {
            using var pdf = await browser.Http.GetAsync(href);
            Assert.Equal((HttpStatusCode.OK, "application/pdf"), (pdf.StatusCode, pdf.Content.Headers.ContentType?.MediaType));
        }
    }

    [Fact]
    public async Task Another_account_sees_none_of_them()
    {
        await using var app = new PortalApp();
        await TestDeclarations.SeedAsync(app, TestDeclarations.Individual(Owner), DateTimeOffset.UtcNow);
        await TestDeclarations.SeedAsync(app, TestDeclarations.Child(Owner, "Lê Minh Khôi", "0123456781"), DateTimeOffset.UtcNow);
        await TestAccounts.CreateAsync(app, PortalRoles.Citizen, Stranger);
        var (browser, _, _) = await TestAccounts.SignInAsync(app, Stranger);

        var page = await browser.GetAsync("/tai-khoan/ho-so");

        Assert.Empty(Cards(page));
        Assert.StartsWith("Chưa có tờ khai nào.", page.QuerySelector("p.empty")!.TextContent);
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_the_login_form()
    {
        await using var app = new PortalApp();
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync("/tai-khoan/ho-so");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/dang-nhap?ReturnUrl=%2Ftai-khoan%2Fho-so", response.Headers.Location!.PathAndQuery);
    }
}
