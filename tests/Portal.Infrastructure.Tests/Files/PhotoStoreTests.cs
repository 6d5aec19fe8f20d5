using Portal.Infrastructure.Files;

namespace Portal.Infrastructure.Tests.Files;

public sealed class PhotoStoreTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("portal-photostore-").FullName;

    private PhotoStore Store => new(new PortalPaths(_dataDirectory));

    [Fact]
    public async Task A_saved_photo_reads_back_and_try_delete_removes_it_once()
    {
        var key = await Store.SaveAsync(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 });
        Assert.Matches("^[0-9a-f]{40}$", key);
        Assert.Equal(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, await Store.ReadAsync(key));

        Assert.True(Store.TryDelete(key));
        Assert.False(Store.Exists(key));
        Assert.Null(await Store.ReadAsync(key));
        Assert.False(Store.TryDelete(key));
    }

    [Fact]
    public void Try_delete_refuses_what_is_not_a_key_and_reports_what_it_cannot_remove()
    {
        Assert.Throws<ArgumentException>(() => Store.TryDelete("../portal.db"));
        Assert.Throws<ArgumentException>(() => Store.TryDelete(new string('A', 40)));

        // A folder where a photo should be: unlink fails, and that is not "already gone".
        var key = new string('a', 40);
        Directory.CreateDirectory(Path.Combine(_dataDirectory, "photos", "aa", key));
        Assert.Throws<IOException>(() => Store.TryDelete(key));
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);
}
