using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Accounts;
using Portal.Web.Tests.Support;

namespace Portal.E2E;

/// <summary>
/// A staff member's circuit cut off mid-work, the way a flaky network or a deploy does it: the browser's WebSocket to
/// <c>/_blazor</c> is closed and new ones refused until the "network" returns. What was confirmed stays done.
/// </summary>
public sealed class CircuitReconnectInChromiumTests : ChromiumTest
{
    /// <summary>Short, so the "deploy" case (the server no longer holds the circuit) takes seconds, not minutes.</summary>
    private static readonly TimeSpan CircuitRetention = TimeSpan.FromSeconds(6);

    private readonly List<IWebSocketRoute> _sockets = [];
    private volatile bool _networkDown;

    protected override Task<PortalApp> CreateAppAsync() => Task.FromResult(new PortalApp
    {
        TestServices = services => services.Configure<CircuitOptions>(o => o.DisconnectedCircuitRetentionPeriod = CircuitRetention),
    });

    [Fact]
    public async Task A_short_drop_shows_the_vietnamese_message_then_the_circuit_comes_back_and_work_goes_on()
    {
        var (page, declaration) = await DetailPageAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Đánh dấu đã tiếp nhận" }).ClickAsync();
        await Assertions.Expect(page.Locator(".status-line strong")).ToHaveTextAsync("Đã tiếp nhận");

        await DropAsync();
        var retrying = page.Locator("#components-reconnect-modal .reconnect-retrying");
        await Assertions.Expect(retrying).ToBeVisibleAsync();
        await Assertions.Expect(retrying).ToHaveTextAsync("Mất kết nối tới máy chủ. Đang kết nối lại…");
        await SnapAsync(page, "mach-1-mat-ket-noi");

        _networkDown = false;
        await Assertions.Expect(page.Locator("#components-reconnect-modal")).ToBeHiddenAsync(new() { Timeout = 30_000 });
        // The same circuit: the page still holds its state, the confirmation included, and the next action goes through it.
        await Assertions.Expect(page.Locator("p.success")).ToHaveTextAsync("Đã cập nhật");
        await page.GetByRole(AriaRole.Button, new() { Name = "Chấp thuận" }).ClickAsync();
        await Assertions.Expect(page.Locator(".status-line strong")).ToHaveTextAsync("Đã duyệt");
        Assert.Equal(DeclarationStatus.Accepted, (await TestDeclarations.FindAsync(App, declaration.MaSoBhxh)).Status);
    }

    [Fact]
    public async Task After_the_server_let_the_circuit_go_a_new_one_shows_what_was_confirmed_and_work_goes_on()
    {
        var (page, declaration) = await DetailPageAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Đánh dấu đã tiếp nhận" }).ClickAsync();
        await Assertions.Expect(page.Locator(".status-line strong")).ToHaveTextAsync("Đã tiếp nhận");

        await DropAsync();
        await Assertions.Expect(page.Locator("#components-reconnect-modal .reconnect-retrying")).ToBeVisibleAsync();
        // Past the retention the server has dropped the circuit, as a restarted server would not know it.
        await Task.Delay(CircuitRetention + TimeSpan.FromSeconds(2));
        _networkDown = false;
        // .NET 10 resumes it as a new circuit on the same page, with no reload: the page's state is read afresh from
        // the database (the confirmation message of the old circuit is gone), so what was confirmed is on screen.
        await Assertions.Expect(page.Locator("#components-reconnect-modal")).ToBeHiddenAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("p.success")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".status-line strong")).ToHaveTextAsync("Đã tiếp nhận");
        await page.GetByRole(AriaRole.Button, new() { Name = "Chấp thuận" }).ClickAsync();
        await Assertions.Expect(page.Locator(".status-line strong")).ToHaveTextAsync("Đã duyệt");
    }

    private static string DeclarationPathOf(Declaration declaration) => $"/can-bo/ho-so/{declaration.Id}";

    private async Task<(IPage Page, Declaration Declaration)> DetailPageAsync()
    {
        await TestAccounts.CreateAsync(App, PortalRoles.OfficeStaff, "canbo.dongda.mang", officeCode: "00106");
        var declaration = await TestDeclarations.SeedAsync(App, TestDeclarations.Individual("0123456781", "Nguyễn Thị Ánh Tuyết"), DateTimeOffset.UtcNow);
        var page = await SignedInAsync("canbo.dongda.mang");
        await page.RouteWebSocketAsync(new Regex("/_blazor"), socket =>
        {
            if (_networkDown)
            {
                _ = socket.CloseAsync();
                return;
            }
            var server = socket.ConnectToServer();
            lock (_sockets) _sockets.AddRange(socket, server);
        });
        // SignalR falls back to server-sent events and long polling over plain HTTP: a lost network takes those too.
        await page.RouteAsync(new Regex("/_blazor"), route => _networkDown ? route.AbortAsync("internetdisconnected") : route.ContinueAsync());
        await page.GotoAsync(BaseUrl + DeclarationPathOf(declaration));
        await page.Locator("[data-interactive=true]").WaitForAsync();
        return (page, declaration);
    }

    /// <summary>Closes the circuit's WebSocket on both sides, as a lost network does in the end, and refuses new ones until <see cref="_networkDown"/> is cleared.</summary>
    private async Task DropAsync()
    {
        _networkDown = true;
        IWebSocketRoute[] open;
        lock (_sockets) open = [.. _sockets];
        foreach (var socket in open) await socket.CloseAsync(new() { Code = 4000, Reason = "network down" });
    }
}
