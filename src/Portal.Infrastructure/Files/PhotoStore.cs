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
