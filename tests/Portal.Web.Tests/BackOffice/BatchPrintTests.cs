using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PdfSharp.Pdf.IO;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Accounts;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Review;
using Portal.Web.Features.BackOffice;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.BackOffice;

/// <summary>The queue's batch print without a browser: the job the page runs, and the download endpoint it links to.</summary>
public sealed class BatchPrintTests
{
    private const string DongDaStaff = "canbo.dongda.thu";
    private const string DongDaColleague = "canbo.dongda.hai";
    private const string Citizen = "0123456789";

    private static async Task<(PortalApp App, StaffScope Staff)> ArrangeAsync()
    {
        var app = new PortalApp();
        var user = await TestAccounts.CreateAsync(app, PortalRoles.OfficeStaff, DongDaStaff, officeCode: "00106");
        await TestAccounts.CreateAsync(app, PortalRoles.OfficeStaff, DongDaColleague, officeCode: "00106");
        await TestAccounts.CreateAsync(app, PortalRoles.Citizen, Citizen);
        return (app, new StaffScope(user.Id, user.UserName!, new HashSet<string> { "00106" }));
    }

    private static async Task<BatchPrintJob> RunAsync(PortalApp app, StaffScope staff, IReadOnlyCollection<Guid>? ids, Action? changed = null,
        TimeProvider? clock = null, bool cancelAtOnce = false)
    {
        var job = new BatchPrintJob(app.Services.GetRequiredService<IServiceScopeFactory>(), staff,
            () => { changed?.Invoke(); return Task.CompletedTask; }, clock ?? TimeProvider.System, NullLogger.Instance);
        job.Start(ids);
        if (cancelAtOnce) job.Cancel();
        await job.Completion;
        return job;
    }

    private static async Task<List<(Guid DeclarationId, string? Note)>> ViewsAsync(PortalApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<PortalDbContext>().DeclarationEvents.AsNoTracking()
            .Where(e => e.Kind == DeclarationEventKind.Viewed).ToListAsync()).Select(e => (e.DeclarationId, e.Note)).ToList();
    }

    [Fact]
    public async Task The_selection_in_scope_is_printed_and_only_its_maker_downloads_it()
    {
        var (app, staff) = await ArrangeAsync();
        await using var _ = app;
        var now = DateTimeOffset.UtcNow;
        var first = await TestDeclarations.SeedAsync(app, TestDeclarations.Individual("0123456781"), now.AddMinutes(-9));
        var second = await TestDeclarations.SeedAsync(app, TestDeclarations.Individual("0123456782", "Nguyễn Thị Ánh Tuyết"), now.AddMinutes(-5));
        var baDinh = await TestDeclarations.SeedAsync(app, TestDeclarations.Child("0123456783", "Trần Minh Khoa", "0123456784"), now.AddMinutes(-1));

        var job = await RunAsync(app, staff, [first.Id, baDinh.Id, second.Id]);

        var status = job.Status;
        Assert.Equal((BatchPrintPhase.Ready, 2, 2, 1), (status.Phase, status.Done, status.Total, status.Skipped));
        Assert.Matches("^/can-bo/in/[0-9a-f]{32}\\.pdf$", status.DownloadUrl);
        using (var response = await (await TestAccounts.SignInAsync(app, DongDaStaff)).Browser.Http.GetAsync(status.DownloadUrl))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
            var pdf = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(status.Bytes, pdf.Length);
            using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
            Assert.Equal(2, document.PageCount);
        }
        Assert.Equal(new[] { first.Id, second.Id }.Order(), (await ViewsAsync(app)).Select(v => v.DeclarationId).Order());
        Assert.All(await ViewsAsync(app), v => Assert.Equal(BatchPrint.ViewNote, v.Note));

        // Another staff member of the same office, a citizen, an unknown token: 404; nobody signed in: the login page.
        Assert.Equal(HttpStatusCode.NotFound, (await (await TestAccounts.SignInAsync(app, DongDaColleague)).Browser.Http.GetAsync(status.DownloadUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await TestAccounts.SignInAsync(app, Citizen)).Browser.Http.GetAsync(status.DownloadUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await TestAccounts.SignInAsync(app, DongDaStaff)).Browser.Http.GetAsync(BatchPrintEndpoint.PathOf(new string('a', 32)))).StatusCode);
        using var anonymous = await app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync(status.DownloadUrl);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/can-bo/dang-nhap", anonymous.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Todays_print_takes_the_declarations_received_today_in_scope()
    {
        var (app, staff) = await ArrangeAsync();
        await using var _ = app;
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(BatchPrintJob.NoneTodayText, (await RunAsync(app, staff, null)).Status.Message);

        var received = await TestDeclarations.SeedAsync(app, TestDeclarations.Individual("0123456781"), now.AddDays(-2), d => d.MarkReceived(now));
        await TestDeclarations.SeedAsync(app, TestDeclarations.Individual("0123456782"), now.AddMinutes(-5));
        await TestDeclarations.SeedAsync(app, TestDeclarations.Child("0123456783", "Trần Minh Khoa", "0123456784"), now.AddMinutes(-1), d => d.MarkReceived(now));

        var job = await RunAsync(app, staff, null);

        Assert.Equal((BatchPrintPhase.Ready, 1, 0), (job.Status.Phase, job.Status.Total, job.Status.Skipped));
        Assert.Equal([received.Id], (await ViewsAsync(app)).Select(v => v.DeclarationId));
    }

    [Fact]
    public async Task A_cancelled_print_leaves_no_file_and_no_view_and_ids_out_of_scope_print_nothing()
    {
        var (app, staff) = await ArrangeAsync();
        await using var _ = app;
        var declaration = await TestDeclarations.SeedAsync(app, TestDeclarations.Individual("0123456781"), DateTimeOffset.UtcNow);

        var cancelled = await RunAsync(app, staff, [declaration.Id], cancelAtOnce: true);

        Assert.Equal((BatchPrintPhase.Cancelled, BatchPrintJob.CancelledText), (cancelled.Status.Phase, cancelled.Status.Message));
        Assert.Empty(await ViewsAsync(app));
        Assert.Empty(Directory.GetFiles(Path.Combine(app.DataDirectory, "print")));
        var elsewhere = await RunAsync(app, staff with { OfficeCodes = new HashSet<string> { "00101" } }, [declaration.Id]);
        Assert.Equal((BatchPrintPhase.Failed, BatchPrintJob.NoneInScopeText), (elsewhere.Status.Phase, elsewhere.Status.Message));
        var tooMany = await RunAsync(app, staff, Enumerable.Range(0, BatchPrint.MaxDeclarations + 1).Select(_ => Guid.NewGuid()).ToList());
        Assert.Equal(BatchPrintJob.TooManyText(501, receivedToday: false), tooMany.Status.Message);
    }

    [Fact]
    public async Task The_page_is_asked_to_render_at_most_every_quarter_second_not_once_per_declaration()
    {
        var (app, staff) = await ArrangeAsync();
        await using var _ = app;
        var ids = new List<Guid>();
        for (var i = 1; i <= 4; i++)
            ids.Add((await TestDeclarations.SeedAsync(app, TestDeclarations.Individual($"012345678{i}"), DateTimeOffset.UtcNow)).Id);

        var stillClock = 0;
        await RunAsync(app, staff, ids, () => stillClock++, new FakeTimeProvider());
        var slowClock = 0;
        await RunAsync(app, staff, ids, () => slowClock++, new FakeTimeProvider { AutoAdvanceAmount = BatchPrintJob.RefreshInterval });

        // The start and the end always; in between, a declaration done after the interval has passed (not the last: the end follows).
        Assert.Equal(2, stillClock);
        Assert.Equal(2 + 3, slowClock);
    }
}
