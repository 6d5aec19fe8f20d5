using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Portal.Infrastructure.Files;

/// <summary>A batch print ready to download: its token (for the link), its size and when it is deleted.</summary>
public sealed record PrintFile(string Token, long Bytes, DateTimeOffset ExpiresAt);

/// <summary>
/// Batch-print PDFs waiting for their download, in the data folder (shared by every instance, so the download may reach
/// another one than the print). A file's name holds its owner, its expiry and a random token, so no index is needed:
/// only the owner opens it, and it is deleted <see cref="Lifetime"/> after it was made (<see cref="PrintFileSweeper"/>).
/// </summary>
public sealed partial class PrintFileStore(PortalPaths paths, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    /// <summary>How long a file being written may stay before the sweep takes it for abandoned (a process that died mid-print).</summary>
    private static readonly TimeSpan WritingAllowance = TimeSpan.FromHours(1);
    private const string PartialSuffix = ".part";

    private readonly string _root = Directory.CreateDirectory(Path.Combine(paths.DataDirectory, "print")).FullName;

    /// <summary>A new file for <paramref name="ownerId"/> to write; it is kept only if committed.</summary>
    public PrintFileDraft Create(Guid ownerId)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var partial = Path.Combine(_root, NameOf(ownerId, clock.GetUtcNow() + WritingAllowance, token) + PartialSuffix);
        return new PrintFileDraft(this, ownerId, token, partial);
    }

    internal PrintFile Commit(Guid ownerId, string token, string partial)
    {
        var expiresAt = clock.GetUtcNow() + Lifetime;
        var path = Path.Combine(_root, NameOf(ownerId, expiresAt, token));
        File.Move(partial, path);
        return new PrintFile(token, new FileInfo(path).Length, expiresAt);
    }

    /// <summary>The owner's unexpired file with this token, open for reading; null for anyone else, an unknown token or an expired file.</summary>
    public FileStream? Open(Guid ownerId, string token)
    {
        if (!TokenPattern().IsMatch(token)) return null;
        foreach (var path in Directory.EnumerateFiles(_root, $"{ownerId:N}-*-{token}.pdf"))
        {
            if (ExpiryOf(path) is not { } expiresAt || expiresAt <= clock.GetUtcNow()) continue;
            try
            {
                // FileShare.Delete: the sweep may remove it while it is being downloaded.
                return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
            }
            catch (FileNotFoundException)
            {
                return null;
            }
        }
        return null;
    }

    /// <summary>Deletes every expired file, and abandoned partial ones; returns how many went.</summary>
    public int DeleteExpired()
    {
        var now = clock.GetUtcNow();
        var deleted = 0;
        foreach (var path in Directory.EnumerateFiles(_root))
        {
            if (ExpiryOf(path) is { } expiresAt && expiresAt > now) continue;
            File.Delete(path);
            deleted++;
        }
        return deleted;
    }

    private static string NameOf(Guid ownerId, DateTimeOffset expiresAt, string token) =>
        string.Create(CultureInfo.InvariantCulture, $"{ownerId:N}-{expiresAt.ToUnixTimeSeconds()}-{token}.pdf");

    /// <summary>The expiry written in a file's name; null for a name this store did not make.</summary>
    private static DateTimeOffset? ExpiryOf(string path)
    {
        var match = FileName().Match(Path.GetFileName(path));
        return match.Success && long.TryParse(match.Groups["expires"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"^[0-9a-f]{32}-(?<expires>[0-9]{1,19})-[0-9a-f]{32}\.pdf(\.part)?$")]
    private static partial Regex FileName();
}

/// <summary>A print file being written: <see cref="Content"/> takes the PDF, <see cref="Commit"/> makes it downloadable; disposed uncommitted, it is deleted.</summary>
public sealed class PrintFileDraft : IAsyncDisposable
{
    private readonly PrintFileStore _store;
    private readonly Guid _ownerId;
    private readonly string _token;
    private readonly string _partial;
    private bool _committed;

    internal PrintFileDraft(PrintFileStore store, Guid ownerId, string token, string partial)
    {
        _store = store;
        _ownerId = ownerId;
        _token = token;
        _partial = partial;
        Content = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
    }

    public Stream Content { get; }

    public async Task<PrintFile> CommitAsync()
    {
        await Content.DisposeAsync();
        var file = _store.Commit(_ownerId, _token, _partial);
        _committed = true;
        return file;
    }

    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync();
        if (!_committed) File.Delete(_partial);
    }
}
