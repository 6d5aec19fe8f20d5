using SkiaSharp;

namespace Portal.Infrastructure.Captcha;

/// <summary>
/// The face the captcha is drawn in: DejaVu Sans Bold (Debian's fonts-dejavu-core), read from its file. The folders
/// where distributions install it are tried in turn; <c>Captcha:FontFile</c> names another file.
/// </summary>
public static class CaptchaTypeface
{
    public const string FileName = "DejaVuSans-Bold.ttf";

    /// <summary>Debian/Ubuntu, Fedora, Alpine/Arch and a catch-all, in that order.</summary>
    public static readonly IReadOnlyList<string> Folders =
    [
        "/usr/share/fonts/truetype/dejavu",
        "/usr/share/fonts/dejavu-sans-fonts",
        "/usr/share/fonts/dejavu",
        "/usr/share/fonts/TTF",
        "/usr/local/share/fonts",
    ];

    private static readonly Lock Gate = new();
    private static SKTypeface? _face;

    /// <summary>The loaded face; loads it from the first candidate on first use.</summary>
    /// <exception cref="InvalidOperationException">No candidate file holds a font.</exception>
    public static SKTypeface Get() => _face ?? Load(configuredFile: null);

    /// <summary>Loads the face at start-up, so that a missing font stops the start instead of the first captcha.</summary>
    /// <param name="configuredFile">A file to use instead of the usual folders (<c>Captcha:FontFile</c>).</param>
    /// <returns>The file the face was read from.</returns>
    /// <exception cref="InvalidOperationException">The configured file, or every usual file, is missing or no font.</exception>
    public static string EnsureLoaded(string? configuredFile = null)
    {
        Load(configuredFile);
        return LoadedFrom!;
    }

    public static string? LoadedFrom { get; private set; }

    private static SKTypeface Load(string? configuredFile)
    {
        lock (Gate)
        {
            if (_face is not null && (configuredFile is null || configuredFile == LoadedFrom)) return _face;
            var candidates = configuredFile is not null ? [configuredFile] : Folders.Select(f => Path.Combine(f, FileName)).ToList();
            foreach (var file in candidates)
            {
                if (File.Exists(file) && SKTypeface.FromFile(file) is { } face)
                {
                    (_face, LoadedFrom) = (face, file);
                    return face;
                }
            }

            throw new InvalidOperationException(
                $"The captcha font is missing: none of {string.Join(", ", candidates)} is a readable font. " +
                "Install the Debian package fonts-dejavu-core, or set Captcha:FontFile to a TrueType file.");
        }
    }
}
