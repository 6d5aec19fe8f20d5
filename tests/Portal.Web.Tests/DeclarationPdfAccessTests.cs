using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Accounts;
using Portal.Web.Features.Registration;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests;

/// <summary>Who may open a declaration's Mẫu 01 PDF besides the browser that made it: its account, and a signed link.</summary>
public sealed class DeclarationPdfAccessTests
{
    private const string Owner = "0123456789";
    private const string Stranger = "0987654321";

    private static async Task<HttpStatusCode> StatusOfAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(await response.Content.ReadAsByteArrayAsync(), 0, 5));
        }
        return response.StatusCode;
    }

    private static string WithToken(Guid declarationId, string pathWithToken) =>
        DeclarationFileEndpoints.PdfPath(declarationId) + pathWithToken[pathWithToken.IndexOf('?', StringComparison.Ordinal)..];

    private static string Token(string pathWithToken) => pathWithToken[(pathWithToken.IndexOf("?ma=", StringComparison.Ordinal) + 4)..];

    [Fact]
    public async Task The_owner_signed_in_opens_and_downloads_the_pdf_of_a_declaration_made_in_another_browser()
    {
        await using var app = new PortalApp();
        await Mau01Journey.RegisterIndividualAsync(app);
        var declaration = await TestDeclarations.FindAsync(app, Owner);
        await TestAccounts.CreateAsync(app, PortalRoles.Citizen, Owner);
        var (browser, _, _) = await TestAccounts.SignInAsync(app, Owner);

        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(browser.Http, DeclarationFileEndpoints.PdfPath(declaration.Id)));
        using var download = await browser.Http.GetAsync(DeclarationFileEndpoints.PdfPath(declaration.Id, download: true));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task The_guardian_signed_in_opens_the_pdf_of_a_childs_declaration()
    {
        await using var app = new PortalApp();
        var child = await TestDeclarations.SeedAsync(app, TestDeclarations.Child(Owner, "Lê Minh Khôi", "0123456781"), DateTimeOffset.UtcNow);
        await TestAccounts.CreateAsync(app, PortalRoles.Citizen, Owner);
        var (browser, _, _) = await TestAccounts.SignInAsync(app, Owner);

        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(browser.Http, DeclarationFileEndpoints.PdfPath(child.Id)));
    }

    [Fact]
    public async Task Another_account_and_an_anonymous_visitor_get_404()
    {
        await using var app = new PortalApp();
        var own = await TestDeclarations.SeedAsync(app, TestDeclarations.Individual(Owner), DateTimeOffset.UtcNow);
        var child = await TestDeclarations.SeedAsync(app, TestDeclarations.Child(Owner, "Lê Minh Khôi", "0123456781"), DateTimeOffset.UtcNow);
        await TestAccounts.CreateAsync(app, PortalRoles.Citizen, Stranger);
        var (stranger, _, _) = await TestAccounts.SignInAsync(app, Stranger);
        using var anonymous = app.CreateClient();

        foreach (var id in new[] { own.Id, child.Id })
        {
            Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(stranger.Http, DeclarationFileEndpoints.PdfPath(id)));
            Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(anonymous, DeclarationFileEndpoints.PdfPath(id)));
        }
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(anonymous, DeclarationFileEndpoints.PdfPath(Guid.NewGuid())));
    }

    [Fact]
    public async Task A_signed_link_opens_the_pdf_without_signing_in_until_the_hand_in_period_is_over()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new PortalApp { Clock = clock };
        var child = await TestDeclarations.SeedAsync(app, TestDeclarations.Child(Owner, "Lê Minh Khôi", "0123456781"), clock.GetUtcNow());
        var links = app.Services.GetRequiredService<DeclarationPdfLinks>();
        var link = links.PathFor(child.Id);
        using var anonymous = app.CreateClient();

        Assert.StartsWith(DeclarationFileEndpoints.PdfPath(child.Id) + "?ma=", link);
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(anonymous, link));
        clock.Advance(DeclarationPdfLinks.Lifetime - TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(anonymous, link));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(anonymous, link));
        // The declaration is still there: it is the link that expired.
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(anonymous, links.PathFor(child.Id)));
    }

    [Fact]
    public async Task A_tampered_link_a_link_of_another_declaration_and_a_made_up_token_get_404()
    {
        await using var app = new PortalApp();
        var child = await TestDeclarations.SeedAsync(app, TestDeclarations.Child(Owner, "Lê Minh Khôi", "0123456781"), DateTimeOffset.UtcNow);
        var other = await TestDeclarations.SeedAsync(app, TestDeclarations.Child(Stranger, "Vũ Thị Lan", "0987654322"), DateTimeOffset.UtcNow);
        var links = app.Services.GetRequiredService<DeclarationPdfLinks>();
        var link = links.PathFor(child.Id);
        var token = Token(link);
        var middle = token.Length / 2;
        var tampered = token[..middle] + (token[middle] == 'A' ? 'B' : 'A') + token[(middle + 1)..];
        using var anonymous = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(anonymous, link));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(anonymous, $"{DeclarationFileEndpoints.PdfPath(child.Id)}?ma={tampered}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(anonymous, WithToken(child.Id, links.PathFor(other.Id))));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(anonymous, WithToken(other.Id, link)));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(anonymous, $"{DeclarationFileEndpoints.PdfPath(child.Id)}?ma=abc%2B%2F"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(anonymous, $"{DeclarationFileEndpoints.PdfPath(child.Id)}?ma="));
        Assert.False(links.IsValid(null, child.Id));
        Assert.False(links.IsValid(new string('A', 10_000), child.Id));
    }
}
