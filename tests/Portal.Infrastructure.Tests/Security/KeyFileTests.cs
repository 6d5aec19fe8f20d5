using Portal.Infrastructure.Security;

namespace Portal.Infrastructure.Tests.Security;

public sealed class KeyFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("portal-keyfile-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Many_threads_racing_on_an_empty_folder_all_get_one_non_empty_key()
    {
        // Every round starts from an empty folder (no keys/ even) and releases all threads at once; a thread
        // stands for a replica, since ReadOrCreate caches nothing and the race is in the file system. (Two real
        // processes starting together on an empty folder: tests/Portal.E2E/TwoNodesTests.cs.)
        const int threads = 8;
        for (var round = 0; round < 40; round++)
        {
            var path = Path.Combine(_folder, $"round{round}", "keys", "captcha.key");
            using var start = new Barrier(threads);
            var keys = new byte[threads][];
            var workers = Enumerable.Range(0, threads).Select(i => new Thread(() =>
            {
                start.SignalAndWait();
                keys[i] = KeyFile.ReadOrCreate(path);
            })).ToList();
            workers.ForEach(t => t.Start());
            workers.ForEach(t => t.Join());

            Assert.All(keys, k => Assert.Equal(KeyFile.KeyLength, k.Length));
            Assert.Single(keys.Select(Convert.ToHexString).Distinct());
            Assert.Equal(keys[0], File.ReadAllBytes(path));
            Assert.Contains(keys[0], b => b != 0);
            // No temporary file is left behind by the losers.
            Assert.Equal(["captcha.key"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
        }
    }

    [Fact]
    public async Task A_file_that_is_still_being_written_is_waited_for_and_never_taken_short()
    {
        // The old code created the final name empty and wrote it after: a reader in between took an empty key.
        var path = Path.Combine(_folder, "keys", "captcha.key");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, []);
        var key = Enumerable.Range(1, KeyFile.KeyLength).Select(i => (byte)i).ToArray();

        var reading = Task.Run(() => KeyFile.ReadOrCreate(path));
        await Task.Delay(300);
        Assert.False(reading.IsCompleted);
        await File.WriteAllBytesAsync(path, key);

        Assert.Equal(key, await reading);
    }

    [Fact]
    public void A_short_file_that_stays_short_is_refused_naming_it_and_is_not_cached()
    {
        var paths = new PortalPaths(_folder);
        var path = Path.Combine(_folder, "keys", "short.key");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, [1, 2, 3]);

        var error = Assert.Throws<InvalidOperationException>(() => KeyFile.ReadOrCreate(path, TimeSpan.FromMilliseconds(200)));
        Assert.Contains(path, error.Message);

        // Once the operator removes it, the next load makes a proper key: nothing short was remembered.
        File.Delete(path);
        var key = KeyFile.Load(paths, "short");
        Assert.Equal(KeyFile.KeyLength, key.Length);
        Assert.Equal(key, File.ReadAllBytes(path));
        Assert.Same(key, KeyFile.Load(paths, "short"));
    }

    [Fact]
    public void An_existing_key_is_read_not_replaced()
    {
        var path = Path.Combine(_folder, "keys", "otp.key");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = Enumerable.Range(100, KeyFile.KeyLength).Select(i => (byte)i).ToArray();
        File.WriteAllBytes(path, key);

        Assert.Equal(key, KeyFile.ReadOrCreate(path));
        Assert.Equal(key, File.ReadAllBytes(path));
    }
}
