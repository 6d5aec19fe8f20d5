using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Portal.Infrastructure.Security;

/// <summary>
/// A random 256-bit key kept in a file of the data folder (<c>keys/&lt;name&gt;.key</c>), shared by every
/// instance that shares the folder: the first one to need it writes it. Read once per process and path.
/// </summary>
public static class KeyFile
{
    private static readonly ConcurrentDictionary<string, byte[]> Keys = new();

    public static byte[] Load(PortalPaths paths, string name) =>
        Keys.GetOrAdd(Path.Combine(paths.DataDirectory, "keys", name + ".key"), LoadOrCreate);

    private static byte[] LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            try
            {
                using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                file.Write(RandomNumberGenerator.GetBytes(32));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another instance wrote it first; use theirs.
            }
        }
        return File.ReadAllBytes(path);
    }
}
