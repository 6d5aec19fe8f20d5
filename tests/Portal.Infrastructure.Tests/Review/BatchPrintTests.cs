using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PdfSharp.Pdf.IO;
using Portal.Domain.Declarations;
using Portal.Domain.Offices;
using Portal.Infrastructure.Files;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Review;
using Portal.Infrastructure.Tests.Pdf;
using Portal.Infrastructure.Tests.Support;

namespace Portal.Infrastructure.Tests.Review;

[Collection(DatabaseCollection.Name)]
public sealed class BatchPrintTests(PostgresServer postgres) : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("portal-batch-").FullName;
    // 10:00 in Vietnam on 2 March 2026.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 3, 0, 0, TimeSpan.Zero));
    private static readonly StaffScope DongDa = new(Guid.NewGuid(), "canbo.dongda", new HashSet<string> { "00106" });

    private async Task<(TestDatabase Database, ServiceProvider Services)> SetUpAsync(string provider)
    {
        var database = await DeclarationPersistenceTests.MigratedWithOfficeAsync(provider, postgres);
        await using (var db = database.NewContext())
        {
            db.BhxhOffices.Add(BhxhOffice.ForDistrict("00101", "BHXH Quận Ba Đình", "001", OfficeSource.Seed));
            await db.SaveChangesAsync();
        }
        return (database, InfrastructureServices.For(database, _dataDirectory, services => services.AddSingleton<TimeProvider>(_clock)));
    }

    /// <summary>A declaration made <paramref name="minutesAgo"/> minutes ago with a real portrait, so its PDF renders.</summary>
    private async Task<Declaration> SeedAsync(TestDatabase database, ServiceProvider services, int sequence, int minutesAgo, string officeCode = "00106",
        bool long2Pages = false, DateTimeOffset? receivedAt = null)
    {
        var portrait = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "photos", "portrait.jpg"));
        var key = await services.GetRequiredService<PhotoStore>().SaveAsync(portrait);
        var content = DeclarationPersistenceTests.SampleContent(officeCode);
        if (long2Pages)
            content = content with
            {
                FullName = Fill("Công ty Trách nhiệm hữu hạn Dịch vụ Tư vấn Bảo hiểm xã hội", 200),
                Address = content.Address with { FullText = Fill(content.Address.FullText, 500) },
                ContactPerson = Fill("Nguyễn Văn Bình, phòng Nhân sự", 200),
                IvanName = Fill("Tổ chức cung cấp dịch vụ giá trị gia tăng về giao dịch điện tử", 200),
            };
        DeclarationPhoto[] photos =
        [
            new(PhotoKind.Portrait, key, PhotoFormat.Jpeg, 600, 800, portrait.Length, new string('a', 64)),
            .. DeclarationPersistenceTests.SamplePhotos($"p{sequence}").Where(p => p.Kind != PhotoKind.Portrait),
        ];
        var declaration = Declaration.Submit(content, new RecordNumber(2026, sequence), photos, $"draft-{sequence}", new string('f', 64),
            _clock.GetUtcNow().AddMinutes(-minutesAgo));
        // The app's clock gives UTC, and instants are stored in it.
        if (receivedAt is { } at) declaration.MarkReceived(at.ToUniversalTime());
        await using var db = database.NewContext();
        db.Declarations.Add(declaration);
        await db.SaveChangesAsync();
        return declaration;
    }

    /// <summary><paramref name="phrase"/> repeated as often as fits in <paramref name="max"/> characters, the columns' limit.</summary>
    private static string Fill(string phrase, int max) =>
        string.Join(", ", Enumerable.Repeat(phrase, (max + 2) / (phrase.Length + 2)));

    private static async Task<(BatchPrintSelection Selection, int Pages, byte[] Pdf, int Saves)> PrintAsync(ServiceProvider services, IEnumerable<Guid> ids,
        StaffScope scope, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        await using var operation = services.CreateAsyncScope();
        var saves = 0;
        operation.ServiceProvider.GetRequiredService<PortalDbContext>().SavedChanges += (_, _) => saves++;
        var print = operation.ServiceProvider.GetRequiredService<BatchPrint>();
        var selection = await print.SelectAsync(ids, scope, cancellationToken);
        using var output = new MemoryStream();
        var pages = await print.PrintAsync(selection, scope, output, progress, cancellationToken);
        return (selection, pages, output.ToArray(), saves);
    }

    private static string RecordOnPage(Poppler pdf, int page)
    {
        var text = Poppler.Collapse(pdf.Run("pdftotext", "-enc", "UTF-8", "-f", page.ToString(CultureInfo.InvariantCulture),
            "-l", page.ToString(CultureInfo.InvariantCulture), pdf.PdfPath, "-"));
        return Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "GD/2026/[0-9]{5}").Select(m => m.Value).Distinct());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_pdf_holds_every_page_of_each_declaration_in_scope_newest_first_and_each_print_is_recorded_in_one_save(string provider)
    {
        var (database, services) = await SetUpAsync(provider);
        await using var _ = database;
        await using var __ = services;
        var oldest = await SeedAsync(database, services, 1, minutesAgo: 30);
        var twoPages = await SeedAsync(database, services, 2, minutesAgo: 20, long2Pages: true);
        var newest = await SeedAsync(database, services, 3, minutesAgo: 10);
        var baDinh = await SeedAsync(database, services, 4, minutesAgo: 5, officeCode: "00101");
        var reported = new List<int>();

        var (selection, pages, bytes, saves) = await PrintAsync(services, [oldest.Id, baDinh.Id, newest.Id, Guid.NewGuid(), twoPages.Id, oldest.Id], DongDa,
            new SynchronousProgress(reported.Add));

        Assert.Equal([newest.Id, twoPages.Id, oldest.Id], selection.Declarations.Select(d => d.Id));
        Assert.Equal(2, selection.Skipped);
        Assert.Equal([1, 2, 3], reported);
        Assert.Equal(4, pages);
        using (var merged = PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import))
            Assert.Equal(4, merged.PageCount);
        using var pdf = new Poppler(bytes);
        Assert.Contains("Pages: 4", Poppler.Collapse(pdf.Info()), StringComparison.Ordinal);
        Assert.Equal(["GD/2026/00003", "GD/2026/00002", "GD/2026/00002", "GD/2026/00001"], Enumerable.Range(1, 4).Select(p => RecordOnPage(pdf, p)));

        Assert.Equal(1, saves);
        await using var db = database.NewContext();
        var views = await db.DeclarationEvents.AsNoTracking().ToListAsync();
        Assert.Equal(new[] { newest.Id, oldest.Id, twoPages.Id }.Order(), views.Select(v => v.DeclarationId).Order());
        Assert.All(views, v => Assert.Equal((DeclarationEventKind.Viewed, BatchPrint.ViewNote, DongDa.UserId, DongDa.UserName, _clock.GetUtcNow()),
            (v.Kind, v.Note, v.ByUserId, v.ByUserName, v.At)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Received_today_is_vietnams_calendar_day_in_scope(string provider)
    {
        var (database, services) = await SetUpAsync(provider);
        await using var _ = database;
        await using var __ = services;
        var midnight = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.FromHours(7));
        await SeedAsync(database, services, 1, minutesAgo: 3000, receivedAt: midnight.AddSeconds(-1));
        var first = await SeedAsync(database, services, 2, minutesAgo: 3000, receivedAt: midnight);
        var last = await SeedAsync(database, services, 3, minutesAgo: 3000, receivedAt: midnight.AddDays(1).AddSeconds(-1));
        await SeedAsync(database, services, 4, minutesAgo: 3000, receivedAt: midnight.AddDays(1));
        await SeedAsync(database, services, 5, minutesAgo: 3000, officeCode: "00101", receivedAt: midnight.AddHours(9));
        await SeedAsync(database, services, 6, minutesAgo: 10);

        await using var operation = services.CreateAsyncScope();
        var today = await operation.ServiceProvider.GetRequiredService<BatchPrint>().ReceivedTodayAsync(DongDa);

        Assert.Equal(new[] { first.Id, last.Id }.Order(), today.Order());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_cancelled_print_records_no_view_and_more_than_the_cap_is_refused(string provider)
    {
        var (database, services) = await SetUpAsync(provider);
        await using var _ = database;
        await using var __ = services;
        var ids = new List<Guid>();
        for (var i = 1; i <= 3; i++) ids.Add((await SeedAsync(database, services, i, minutesAgo: i)).Id);
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            PrintAsync(services, ids, DongDa, new SynchronousProgress(done => { if (done == 1) cancel.Cancel(); }), cancel.Token));
        await using (var db = database.NewContext())
            Assert.Equal(0, await db.DeclarationEvents.CountAsync());

        var tooMany = ids.Concat(Enumerable.Range(0, BatchPrint.MaxDeclarations - 2).Select(_ => Guid.NewGuid())).ToList();
        await using var operation = services.CreateAsyncScope();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => operation.ServiceProvider.GetRequiredService<BatchPrint>().SelectAsync(tooMany, DongDa));
        Assert.Equal(BatchPrint.MaxDeclarations, (await operation.ServiceProvider.GetRequiredService<BatchPrint>().SelectAsync(tooMany.Take(BatchPrint.MaxDeclarations), DongDa)).Skipped + 3);
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; the tests need each report before the next render.</summary>
    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);
}
