using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

// Signs in once as a staff member, opens one warm-up tab on the queue page, waits, reads the server's RSS, then opens
// --tabs more tabs in the same browser context, each waiting for its circuit, and reads the RSS again.
const string Usage = "usage: CircuitBench --base URL --pid PID --user NAME --password PASSWORD --captcha CODE [--tabs N] [--settle SECONDS]";
const string QueuePath = "/can-bo/tiep-nhan";
const string ChromiumPath = "/usr/bin/chromium";

string? baseUrl = null, user = null, password = null, captcha = null;
int pid = 0, tabs = 200;
var settle = 10.0;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value\n{Usage}");
    switch (args[i])
    {
        case "--base": baseUrl = Next().TrimEnd('/'); break;
        case "--pid": pid = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--user": user = Next(); break;
        case "--password": password = Next(); break;
        case "--captcha": captcha = Next(); break;
        case "--tabs": tabs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--settle": settle = double.Parse(Next(), CultureInfo.InvariantCulture); break;
        default: Console.Error.WriteLine($"unknown option '{args[i]}'\n{Usage}"); return 2;
    }
}
if (baseUrl is null || pid <= 0 || user is null || password is null || captcha is null || tabs < 1 || settle < 0)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new()
{
    ExecutablePath = ChromiumPath,
    Headless = true,
    // Background tabs must keep their WebSocket and timers running, or circuits would drop while the others open.
    Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows"],
});
var context = await browser.NewContextAsync();
context.SetDefaultTimeout(60_000);

var login = await context.NewPageAsync();
await login.GotoAsync(baseUrl + "/can-bo/dang-nhap");
await Field(login, "Tên đăng nhập").FillAsync(user);
await Field(login, "Mật khẩu").FillAsync(password);
await Field(login, "Mã kiểm tra").FillAsync(captcha);
await login.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
await login.WaitForURLAsync(url => new Uri(url).AbsolutePath == QueuePath);
await WaitForCircuitAsync(login);
Console.Error.WriteLine($"  - signed in as {user}; warm-up tab's circuit is up, settling {settle} s");

await Task.Delay(TimeSpan.FromSeconds(settle));
var baseline = ReadRssKiB(pid);

var clock = Stopwatch.StartNew();
var pages = new List<IPage>(tabs);
for (var i = 0; i < tabs; i++)
{
    var page = await context.NewPageAsync();
    await page.GotoAsync(baseUrl + QueuePath);
    await WaitForCircuitAsync(page);
    pages.Add(page);
    if ((i + 1) % 50 == 0) Console.Error.WriteLine($"  - {i + 1} circuits up ({clock.Elapsed.TotalSeconds:F0} s), RSS {ReadRssKiB(pid) / 1024.0:F1} MB");
}
var opening = clock.Elapsed;
Console.Error.WriteLine($"  - all {tabs} circuits up, settling {settle} s");
await Task.Delay(TimeSpan.FromSeconds(settle));
var loaded = ReadRssKiB(pid);
// A circuit that dropped while the others opened would flatter the figure: every tab must still be interactive.
foreach (var page in pages) await WaitForCircuitAsync(page);

var perCircuitMiB = (loaded - baseline) / 1024.0 / tabs;
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"baseline RSS (1 circuit)",-29}: {baseline / 1024.0:F1} MB"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{$"RSS with {tabs} more circuits",-29}: {loaded / 1024.0:F1} MB"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"per circuit",-29}: {perCircuitMiB:F2} MB ({(loaded - baseline) / (double)tabs:F0} KiB)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"opening",-29}: {opening.TotalSeconds:F1} s for {tabs} tabs ({opening.TotalMilliseconds / tabs:F0} ms each), settle {settle} s"));
return 0;

static ILocator Field(IPage page, string label) =>
    page.GetByLabel(new Regex($"^{Regex.Escape(label)}\\s*\\*?$"));

static Task WaitForCircuitAsync(IPage page) => page.Locator("[data-interactive=true]").WaitForAsync();

static long ReadRssKiB(int pid)
{
    var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
