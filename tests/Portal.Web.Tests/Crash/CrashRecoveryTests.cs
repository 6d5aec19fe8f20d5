using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using Portal.Infrastructure.Drafts;
using Portal.Web.Tests.Support;
using Xunit.Abstractions;

namespace Portal.Web.Tests.Crash;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CrashCollection
{
    public const string Name = "crash (runs alone: it loads both cores)";
}

/// <summary>
/// kill -9 under load: the portal runs as a child process on SQLite; concurrent citizens submit Mẫu 01 over HTTP
/// until the process is killed (SIGKILL, no shutdown code) at a moment the test does not choose by request, and that
/// <c>PORTAL_CRASH_CYCLES</c> times (default 2). Then: every submission a citizen saw acknowledged (the confirmation
/// page with its record number) is there with its 3 photo rows and files, every draft marked submitted has its
/// declaration and every declaration its draft, its SMS queued; after <c>jobs run purge</c> (the orphan file sweep,
/// grace period 0) no file in the photo store lacks a row. <c>bench/crash.sh</c> runs this test alone.
/// </summary>
[Collection(CrashCollection.Name)]
public sealed class CrashRecoveryTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("portal-crash-").FullName;
    private readonly ConcurrentDictionary<string, string> _acknowledged = new(); // record number → mã số BHXH
    private readonly ConcurrentQueue<string> _failures = new();
    private static int s_citizen = Random.Shared.Next(0, 1_000_000);

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    private Dictionary<string, string> Settings => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Testing",
        ["DOTNET_ENVIRONMENT"] = "Testing",
        ["Portal__DataDirectory"] = _dataDirectory,
        ["ConnectionStrings__Portal"] = "",
        ["Captcha__FixedCode"] = PortalApp.CaptchaCode,
        ["RateLimits__SubmitPerMinute"] = "1000000",
        // Every citizen here shares one address: the captcha drawn on each review page is counted per address too.
        ["RateLimits__CaptchaPerMinute"] = "1000000",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Warning",
    };

    [Fact]
    public async Task Every_acknowledged_submission_survives_kill_9_with_its_photos_and_the_sweep_leaves_no_orphan_file()
    {
        var cycles = Setting("PORTAL_CRASH_CYCLES", 2);
        var citizens = Setting("PORTAL_CRASH_CITIZENS", 6);
        var loadSeconds = Setting("PORTAL_CRASH_SECONDS", 8);

        for (var cycle = 1; cycle <= cycles; cycle++)
        {
            using var app = await PortalProcess.StartAsync(Settings, TimeSpan.FromSeconds(120));
            var before = _acknowledged.Count;
            using var stop = new CancellationTokenSource();
            var workers = Enumerable.Range(0, citizens).Select(_ => Task.Run(() => CitizenLoopAsync(app.BaseAddress, stop.Token))).ToList();
            // Kill at a moment no request chooses: some citizens are uploading, some committing, some reading pages.
            await Task.Delay(TimeSpan.FromSeconds(loadSeconds) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1500)));
            // On a loaded machine the first submissions can take longer than that: kill once at least one is acknowledged.
            var patience = DateTime.UtcNow + TimeSpan.FromSeconds(90);
            while (_acknowledged.Count == before && DateTime.UtcNow < patience && !app.HasExited) await Task.Delay(100);
            if (_acknowledged.Count > before) await Task.Delay(Random.Shared.Next(0, 1500));
            app.Kill();
            stop.Cancel();
            await Task.WhenAll(workers);
            output.WriteLine($"cycle {cycle}: {_acknowledged.Count - before} acknowledged before kill -9 (pid {app.Id})");
            Assert.True(_acknowledged.Count > before,
                $"cycle {cycle}: no submission was acknowledged before the kill; failures: {string.Join(" | ", _failures.Take(5))}\n{app.LogTail}");
        }

        // The restarted portal serves and accepts a submission on the crashed data folder.
        using (var app = await PortalProcess.StartAsync(Settings, TimeSpan.FromSeconds(120)))
        {
            var record = await SubmitOnceAsync(app.BaseAddress, CancellationToken.None);
            Assert.NotNull(record);
            app.Kill();
        }

        var before_ = ReadState();
        output.WriteLine($"after the crashes: {before_.Declarations.Count} declarations, {before_.Drafts.Count} drafts, {before_.Files.Count} files in the photo store");
        AssertAcknowledgedArePresent(before_);
        AssertNoHalfSubmittedDraft(before_);

        var purgeLog = new StringBuilder();
        using (var purge = PortalProcess.StartRaw(new Dictionary<string, string>(Settings) { ["Purge__FileGracePeriod"] = "00:00:00" }, "jobs run purge", purgeLog))
        {
            Assert.True(purge.WaitForExit(TimeSpan.FromSeconds(120)), $"jobs run purge did not finish:\n{purgeLog}");
            purge.WaitForExit();
            Assert.True(purge.ExitCode == 0, $"jobs run purge exited with {purge.ExitCode}:\n{purgeLog}");
        }
        output.WriteLine(purgeLog.ToString().Trim());

        var after = ReadState();
        AssertAcknowledgedArePresent(after);
        AssertNoHalfSubmittedDraft(after);
        var referenced = after.PhotoRows.Select(p => p.Key).Concat(after.Drafts.SelectMany(d => d.PhotoKeys)).ToHashSet(StringComparer.Ordinal);
        var orphans = after.Files.Where(f => !referenced.Contains(Path.GetFileName(f))).ToList();
        Assert.True(orphans.Count == 0, $"orphan files after the sweep: {string.Join(", ", orphans.Take(10))}");
        output.WriteLine($"after the sweep: {after.Files.Count} files, all referenced; {_acknowledged.Count} acknowledged submissions all present");
    }

    private async Task CitizenLoopAsync(Uri baseAddress, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await SubmitOnceAsync(baseAddress, stop);
            }
            catch (Exception e) when (stop.IsCancellationRequested || e is HttpRequestException or TaskCanceledException or IOException)
            {
                // The process died under the request: nothing was acknowledged, the citizen would start over.
                if (!stop.IsCancellationRequested) _failures.Enqueue($"{e.Message} {e.InnerException?.Message}");
            }
            catch (Exception e)
            {
                _failures.Enqueue($"{e.Message} {e.InnerException?.Message}");
                if (_failures.Count > 200) throw;
            }
        }
    }

    /// <summary>One citizen's whole Mẫu 01, as a browser posts it; the record number once the confirmation page shows it.</summary>
    private async Task<string?> SubmitOnceAsync(Uri baseAddress, CancellationToken stop)
    {
        var n = Interlocked.Increment(ref s_citizen);
        using var handler = new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = true };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var client = new Mau01Client(http);
        var maSo = (1_000_000_000 + n).ToString("D10", CultureInfo.InvariantCulture);
        await ExpectAsync(client, "/dang-ky", new() { ["Kind"] = "Individual" }, null, "/dang-ky/to-khai/1", stop);
        await ExpectAsync(client, "/dang-ky/to-khai/1", new() { ["Input.Action"] = "tiep" }, Mau01Journey.IndividualPhotos(), "/dang-ky/to-khai/2", stop);
        await ExpectAsync(client, "/dang-ky/to-khai/2", new()
        {
            ["Input.FullName"] = "Nguyễn Văn Thử",
            ["Input.MaSoBhxh"] = maSo,
            ["Input.IdentityNumber"] = "0011" + (n % 100_000_000).ToString("D8", CultureInfo.InvariantCulture),
            ["Input.ContactPerson"] = "Nguyễn Văn Thử",
            ["Input.MobilePhone"] = "09" + (n % 100_000_000).ToString("D8", CultureInfo.InvariantCulture),
            ["Input.Channel"] = "BhxhPortal",
            ["Input.Action"] = "tiep",
        }, null, "/dang-ky/to-khai/3", stop);
        await ExpectAsync(client, "/dang-ky/to-khai/3", Mau01Journey.Address, null, "/dang-ky/to-khai/4", stop);
        await ExpectAsync(client, "/dang-ky/to-khai/4", new() { ["Input.OfficeCode"] = "00106", ["Input.SubmissionMethod"] = "AtOffice", ["Input.Action"] = "tiep" },
            null, "/dang-ky/to-khai/5", stop);
        var done = await ExpectAsync(client, "/dang-ky/to-khai/5",
            new() { ["Input.Commitment"] = "true", ["Input.CaptchaAnswer"] = PortalApp.CaptchaCode, ["Input.Action"] = "tiep" }, null, "/dang-ky/hoan-tat", stop);
        var record = done.QuerySelector(".record-number")?.TextContent.Trim();
        if (string.IsNullOrEmpty(record)) throw new InvalidOperationException("the confirmation page shows no record number");
        _acknowledged[record] = maSo;
        return record;
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> ExpectAsync(Mau01Client client, string url, Dictionary<string, string> fields,
        Dictionary<string, (string, byte[])>? files, string expected, CancellationToken stop)
    {
        stop.ThrowIfCancellationRequested();
        var (response, page) = await client.PostFormAsync(url, fields, files);
        using (response)
        {
            var at = response.RequestMessage!.RequestUri!.AbsolutePath;
            if (response.StatusCode != HttpStatusCode.OK || at != expected)
            {
                var errors = string.Join(" | ", page.QuerySelectorAll(".error-summary li").Select(li => li.TextContent.Trim()));
                throw new InvalidOperationException($"POST {url}: {(int)response.StatusCode} at {at}, expected {expected} {errors}");
            }
        }
        return page;
    }

    private sealed record DraftRow(string Id, string? DeclarationId, IReadOnlyList<string> PhotoKeys);
    private sealed record DeclarationRow(string Id, string RecordNumber, string MaSo, string IdempotencyKey);
    private sealed record PhotoRow(string DeclarationId, string Key, long Size);
    private sealed record State(List<DeclarationRow> Declarations, List<DraftRow> Drafts, List<PhotoRow> PhotoRows, HashSet<string> DeclarationsWithSms, List<string> Files);

    private State ReadState()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_dataDirectory, "portal.db")};Pooling=False");
        connection.Open();
        List<T> Query<T>(string sql, Func<SqliteDataReader, T> map)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read()) rows.Add(map(reader));
            return rows;
        }
        var declarations = Query("select Id, RecordNumber, MaSoBhxh, IdempotencyKey from Declarations",
            r => new DeclarationRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3)));
        var drafts = Query("select Id, DeclarationId, FormJson from Drafts",
            r => new DraftRow(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), DraftForm.FromJson(r.GetString(2)).Photos.Values.Select(p => p.Key).ToList()));
        var photos = Query("select DeclarationId, StorageKey, SizeBytes from DeclarationPhotos", r => new PhotoRow(r.GetString(0), r.GetString(1), r.GetInt64(2)));
        var withSms = Query("select distinct DeclarationId from OutboxMessages where DeclarationId is not null and Channel = 'Sms'", r => r.GetString(0)).ToHashSet();
        var root = Path.Combine(_dataDirectory, "photos");
        var files = Directory.Exists(root) ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToList() : [];
        return new State(declarations, drafts, photos, withSms, files);
    }

    private void AssertAcknowledgedArePresent(State state)
    {
        var byNumber = state.Declarations.ToDictionary(d => d.RecordNumber);
        var rowsByDeclaration = state.PhotoRows.ToLookup(p => p.DeclarationId);
        foreach (var (record, maSo) in _acknowledged)
        {
            Assert.True(byNumber.TryGetValue(record, out var declaration), $"acknowledged {record} is missing after the crash");
            Assert.Equal(maSo, declaration.MaSo);
            var photos = rowsByDeclaration[declaration.Id].ToList();
            Assert.True(photos.Count == 3, $"{record} has {photos.Count} photo rows");
            foreach (var photo in photos)
            {
                var path = Path.Combine(_dataDirectory, "photos", photo.Key[..2], photo.Key);
                Assert.True(File.Exists(path), $"{record}: photo file {photo.Key} is missing");
                Assert.Equal(photo.Size, new FileInfo(path).Length);
            }
        }
    }

    private static void AssertNoHalfSubmittedDraft(State state)
    {
        var declarations = state.Declarations.ToDictionary(d => d.Id);
        var drafts = state.Drafts.ToDictionary(d => d.Id);
        var photoCounts = state.PhotoRows.GroupBy(p => p.DeclarationId).ToDictionary(g => g.Key, g => g.Count());
        foreach (var draft in state.Drafts.Where(d => d.DeclarationId is not null))
        {
            Assert.True(declarations.TryGetValue(draft.DeclarationId!, out var declaration), $"draft {draft.Id} is marked submitted but its declaration is missing");
            Assert.Equal(draft.Id, declaration.IdempotencyKey);
        }
        foreach (var declaration in state.Declarations)
        {
            Assert.True(drafts.TryGetValue(declaration.IdempotencyKey, out var draft), $"{declaration.RecordNumber} has no draft");
            Assert.True(draft.DeclarationId == declaration.Id, $"{declaration.RecordNumber}: its draft is not marked submitted");
            Assert.True(photoCounts.GetValueOrDefault(declaration.Id) == 3, $"{declaration.RecordNumber} has {photoCounts.GetValueOrDefault(declaration.Id)} photo rows");
            Assert.True(state.DeclarationsWithSms.Contains(declaration.Id), $"{declaration.RecordNumber} has no SMS queued");
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
    }
}
