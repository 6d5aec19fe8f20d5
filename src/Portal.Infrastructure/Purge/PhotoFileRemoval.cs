using Portal.Infrastructure.Files;

namespace Portal.Infrastructure.Purge;

internal static class PhotoFileRemoval
{
    /// <summary><see cref="PhotoStore.TryDelete"/> for the purge: false, not an error, for a file it cannot remove now.</summary>
    public static bool TryRemove(this PhotoStore photos, ReadOnlySpan<char> key)
    {
        try
        {
            return photos.TryDelete(key);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // Gone already (another purge), busy, or not a key of the store: the next sweep tries again.
            return false;
        }
    }
}
