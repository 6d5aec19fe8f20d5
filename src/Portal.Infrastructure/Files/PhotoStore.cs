using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Portal.Infrastructure.Files;

/// <summary>
/// Photo files outside the web root, under random 40-hex-digit names. A file is complete on disk
/// (written to a temporary name, flushed, renamed) before any row refers to it, so a row never
/// points at a missing or half-written file.
/// </summary>
public sealed class PhotoStore(PortalPaths paths)
{
    private readonly string _root = Directory.CreateDirectory(RootOf(paths)).FullName;
    private readonly byte[] _rootUtf8 = Encoding.UTF8.GetBytes(RootOf(paths) + Path.DirectorySeparatorChar);

    private static string RootOf(PortalPaths paths) => Path.GetFullPath(Path.Combine(paths.DataDirectory, "photos"));

    public async Task<string> SaveAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(20)).ToLowerInvariant();
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            await file.WriteAsync(bytes, cancellationToken);
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, path);
        return key;
    }

    public async Task<byte[]?> ReadAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken) : null;
    }

    public bool Exists(string key) => File.Exists(PathOf(key));

    public void Delete(string key) => File.Delete(PathOf(key));

    /// <summary>Removes the file; false when it was not there (already removed, for instance by another purge).</summary>
    public bool TryDelete(ReadOnlySpan<char> key)
    {
        if (!IsKey(key)) throw new ArgumentException("Not a photo key.", nameof(key));
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            var path = PathOf(key.ToString());
            if (!File.Exists(path)) return false;
            File.Delete(path);
            return true;
        }
        // One system call instead of a stat and an unlink, and the path built on the stack: the purge
        // removes millions of files, and two strings per file kept the garbage collector pausing the
        // requests of the same process.
        Span<byte> path8 = stackalloc byte[_rootUtf8.Length + 2 + 1 + KeyLength + 1];
        _rootUtf8.CopyTo(path8);
        var at = _rootUtf8.Length;
        at += Encoding.ASCII.GetBytes(key[..2], path8[at..]);
        path8[at++] = (byte)'/';
        at += Encoding.ASCII.GetBytes(key, path8[at..]);
        path8[at] = 0;
        if (Unlink(ref MemoryMarshal.GetReference(path8)) == 0) return true;
        var error = Marshal.GetLastPInvokeError();
        if (error == NoSuchFile) return false;
        throw new IOException($"unlink failed with errno {error}", error);
    }

    private const int NoSuchFile = 2; // ENOENT
    private const int KeyLength = 40;
    private static readonly SearchValues<char> LowerHexDigits = SearchValues.Create("0123456789abcdef");

    /// <param name="path">A NUL-terminated UTF-8 path.</param>
    [DllImport("libc", EntryPoint = "unlink", SetLastError = true)]
    private static extern int Unlink(ref byte path);

    /// <summary>Every stored key with its last write time, for the sweep of files no row refers to.</summary>
    public IEnumerable<(string Key, DateTime LastWriteUtc)> List() =>
        Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories)
            .Where(path => !path.EndsWith(".tmp", StringComparison.Ordinal))
            .Select(path => (Path.GetFileName(path), File.GetLastWriteTimeUtc(path)));

    /// <summary>
    /// Removes the temporary files of writes that never reached their rename (the process died in between: kill -9,
    /// power cut) once they are older than <paramref name="olderThanUtc"/>; a write in progress is seconds old at most.
    /// </summary>
    public int RemoveTemporaryFilesOlderThan(DateTime olderThanUtc)
    {
        var removed = 0;
        foreach (var path in Directory.EnumerateFiles(_root, "*.tmp", SearchOption.AllDirectories))
        {
            if (File.GetLastWriteTimeUtc(path) >= olderThanUtc) continue;
            try
            {
                File.Delete(path);
                removed++;
            }
            catch (IOException)
            {
                // Gone meanwhile (another instance's sweep) or busy: the next sweep sees it again.
            }
        }
        return removed;
    }

    private static bool IsKey(ReadOnlySpan<char> key) => key.Length == KeyLength && !key.ContainsAnyExcept(LowerHexDigits);

    private string PathOf(string key)
    {
        if (!IsKey(key)) throw new ArgumentException("Not a photo key.", nameof(key));
        return Path.Combine(_root, key[..2], key);
    }
}
