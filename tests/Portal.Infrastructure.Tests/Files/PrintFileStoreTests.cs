using Microsoft.Extensions.Time.Testing;
using Portal.Infrastructure.Files;

namespace Portal.Infrastructure.Tests.Files;

public sealed class PrintFileStoreTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("portal-print-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 3, 0, 0, TimeSpan.Zero));
    private readonly Guid _owner = Guid.NewGuid();

    private PrintFileStore Store() => new(new PortalPaths(_dataDirectory), _clock);

    private string[] Files() => Directory.GetFiles(Path.Combine(_dataDirectory, "print"));

    private static async Task<PrintFile> WriteAsync(PrintFileStore store, Guid owner, byte[] content)
    {
        await using var draft = store.Create(owner);
        await draft.Content.WriteAsync(content);
        return await draft.CommitAsync();
    }

    [Fact]
    public async Task Only_the_owner_opens_a_committed_file_with_its_token_until_it_expires_then_the_sweep_deletes_it()
    {
        var store = Store();
        var file = await WriteAsync(store, _owner, "%PDF-1.7 lô"u8.ToArray());

        Assert.Equal((12L, _clock.GetUtcNow() + PrintFileStore.Lifetime), (file.Bytes, file.ExpiresAt));
        Assert.Matches("^[0-9a-f]{32}$", file.Token);
        await using (var opened = store.Open(_owner, file.Token))
            Assert.Equal("%PDF-1.7 lô"u8.ToArray(), await ReadAsync(opened!));
        Assert.Null(store.Open(Guid.NewGuid(), file.Token));
        Assert.Null(store.Open(_owner, new string('0', 32)));
        Assert.Null(store.Open(_owner, "../" + file.Token));
        Assert.Null(store.Open(_owner, "*"));

        _clock.Advance(PrintFileStore.Lifetime - TimeSpan.FromSeconds(1));
        Assert.Equal(0, store.DeleteExpired());
        using (var stillOpen = store.Open(_owner, file.Token))
            Assert.NotNull(stillOpen);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(store.Open(_owner, file.Token));
        Assert.Equal(1, store.DeleteExpired());
        Assert.Empty(Files());
    }

    [Fact]
    public async Task An_uncommitted_file_is_deleted_with_its_draft_and_an_abandoned_one_by_the_sweep_after_an_hour()
    {
        var store = Store();
        await using (var draft = store.Create(_owner))
            await draft.Content.WriteAsync(new byte[100]);
        Assert.Empty(Files());

        await using var abandoned = store.Create(_owner);
        await abandoned.Content.WriteAsync(new byte[100]);
        await abandoned.Content.FlushAsync();
        var partial = Assert.Single(Files());
        Assert.EndsWith(".pdf.part", partial);
        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(0, store.DeleteExpired());
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, store.DeleteExpired());
        Assert.Empty(Files());
        await Assert.ThrowsAsync<FileNotFoundException>(async () => await abandoned.CommitAsync());
    }

    [Fact]
    public async Task The_sweeper_deletes_expired_files_every_minute()
    {
        var store = Store();
        await WriteAsync(store, _owner, [1, 2, 3]);
        var sweeper = new PrintFileSweeper(store, _clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<PrintFileSweeper>.Instance);
        await sweeper.StartAsync(CancellationToken.None);
        try
        {
            _clock.Advance(PrintFileStore.Lifetime);
            for (var i = 0; i < 100 && Files().Length > 0; i++) await Task.Delay(20);
            Assert.Empty(Files());
        }
        finally
        {
            await sweeper.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<byte[]> ReadAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);
}
