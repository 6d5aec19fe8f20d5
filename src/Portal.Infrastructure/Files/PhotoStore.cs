using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Portal.Infrastructure.Files;

/// <summary>
/// Photo files outside the web root, under random 40-hex-digit names. A file is complete on disk
/// (written to a temporary name, flushed, renamed) before any row refers to it, so a row never
/// points at a missing or half-written file.
/// </summary>
public sealed class PhotoStore(PortalPaths paths)
{
    private readonly string _root = Directory.CreateDirectory(Path.Combine(paths.DataDirectory, "photos")).FullName;

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
    public bool TryDelete(string key)
    {
        var path = PathOf(key);
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            if (!File.Exists(path)) return false;
            File.Delete(path);
            return true;
        }
        // One system call instead of a stat and an unlink: the purge removes millions of files.
        if (Unlink(path) == 0) return true;
        var error = Marshal.GetLastPInvokeError();
        if (error == NoSuchFile) return false;
        throw new IOException($"unlink failed with errno {error}", error);
    }

    private const int NoSuchFile = 2; // ENOENT

    [DllImport("libc", EntryPoint = "unlink", SetLastError = true)]
    private static extern int Unlink([MarshalAs(UnmanagedType.LPUTF8Str)] string path);

    /// <summary>Every stored key with its last write time, for the sweep of files no row refers to.</summary>
    public IEnumerable<(string Key, DateTime LastWriteUtc)> List() =>
        Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories)
            .Where(path => !path.EndsWith(".tmp", StringComparison.Ordinal))
            .Select(path => (Path.GetFileName(path), File.GetLastWriteTimeUtc(path)));

    private string PathOf(string key)
    {
        if (key.Length != 40 || !key.All(char.IsAsciiHexDigitLower))
            throw new ArgumentException("Not a photo key.", nameof(key));
        return Path.Combine(_root, key[..2], key);
    }
}
