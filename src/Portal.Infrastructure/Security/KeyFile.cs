using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Portal.Infrastructure.Security;

/// <summary>
/// A random 256-bit key kept in a file of the data folder (<c>keys/&lt;name&gt;.key</c>), shared by every
/// instance that shares the folder: the first one to need it writes it. Read once per process and path.
/// </summary>
/// <remarks>
/// Instances that start together race to create the file. The key is written whole to a temporary file in
/// the same folder, flushed, and then given the final name by <c>link(2)</c>, which fails when the name exists
/// (on Windows <see cref="File.Move(string, string, bool)"/> without overwrite; on Linux that one checks for
/// the name and then renames, so two racers both "win", each with a key of its own): the final name never exists
/// with fewer than <see cref="KeyLength"/> bytes, and the instance that loses the race reads the winner's key.
/// A short file (left by an older version that wrote the final name in place) is waited for and then refused;
/// it is never cached.
/// </remarks>
public static class KeyFile
{
    public const int KeyLength = 32;

    private static readonly ConcurrentDictionary<string, byte[]> Keys = new();

    public static byte[] Load(PortalPaths paths, string name) =>
        // GetOrAdd caches only what the factory returns; a factory that throws leaves nothing behind.
        Keys.GetOrAdd(Path.Combine(paths.DataDirectory, "keys", name + ".key"), path => ReadOrCreate(path));

    /// <summary>The key in <paramref name="path"/>, created if no file is there. Not cached.</summary>
    /// <param name="shortFileWait">How long a file shorter than a key is waited for before it is refused.</param>
    public static byte[] ReadOrCreate(string path, TimeSpan? shortFileWait = null)
    {
        var deadline = DateTime.UtcNow + (shortFileWait ?? TimeSpan.FromSeconds(5));
        while (true)
        {
            var existing = TryRead(path);
            if (existing is { Length: >= KeyLength }) return existing[..KeyLength];
            if (existing is null)
            {
                var created = TryCreate(path);
                if (created is not null) return created;
                continue; // another instance gave the name first: read theirs
            }
            if (DateTime.UtcNow >= deadline)
                throw new InvalidOperationException(
                    $"The key file {path} holds {existing.Length} bytes, not {KeyLength}. Stop every instance sharing the data folder, delete the file and start again.");
            Thread.Sleep(50);
        }
    }

    private static byte[]? TryRead(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Writes a new key under <paramref name="path"/> unless the name exists; null when it did.</summary>
    private static byte[]? TryCreate(string path)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var key = RandomNumberGenerator.GetBytes(KeyLength);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                file.Write(key);
                file.Flush(flushToDisk: true);
            }
            if (OperatingSystem.IsWindows())
            {
                try
                {
                    File.Move(temporary, path, overwrite: false);
                    return key;
                }
                catch (IOException) when (File.Exists(path))
                {
                    return null;
                }
            }
            if (link(temporary, path) == 0) return key;
            var error = Marshal.GetLastPInvokeError();
            if (error == EEXIST) return null;
            throw new IOException($"Could not create the key file {path}: {Marshal.GetPInvokeErrorMessage(error)}", error);
        }
        finally
        {
            File.Delete(temporary); // the key stays under its final name; gone already after a move on Windows
        }
    }

    private const int EEXIST = 17;

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int link([MarshalAs(UnmanagedType.LPUTF8Str)] string existingPath, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath);
}
