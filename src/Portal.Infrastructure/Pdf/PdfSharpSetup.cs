using PdfSharp;
using PdfSharp.Fonts;

namespace Portal.Infrastructure.Pdf;

/// <summary>
/// The process-wide PDFsharp settings: the AGPL licence and the font resolver. PDFsharp keeps both in
/// static state that must be set once, before the first font is used, so every renderer goes through here.
/// </summary>
public static class PdfSharpSetup
{
    private static readonly Lock Gate = new();
    private static FormFontResolver? _resolver;

    /// <summary>Idempotent and thread-safe; throws when no usable font is installed.</summary>
    public static void EnsureInitialized()
    {
        if (Volatile.Read(ref _resolver) is not null)
        {
            return;
        }
        lock (Gate)
        {
            if (_resolver is not null)
            {
                return;
            }
            var loaded = FormFontResolver.Load(FormFontResolver.Candidates);
            SetAgplLicense();
            if (GlobalFontSettings.FontResolver is { } existing)
            {
                throw new InvalidOperationException(
                    $"PDFsharp already has a font resolver ({existing.GetType().FullName}); the Mẫu 01 renderer needs its own, set through PdfSharpSetup.");
            }
            GlobalFontSettings.FontResolver = loaded;
            Volatile.Write(ref _resolver, loaded);
        }
    }

    private static void SetAgplLicense()
    {
        try
        {
            PdfSharpLicense.SetAgplLicense();
        }
        catch (TypeInitializationException e) when (e.TypeName == typeof(PdfSharpLicense).FullName)
        {
            throw new InvalidOperationException(
                "PDFsharp's licence class failed to initialise: " + e.InnerException?.Message + " PDFsharp 6.5.0 checks which " +
                "assembly calls it, and that check fails when the JIT fully optimises code from the first call " +
                "(DOTNET_TieredCompilation=0 or DOTNET_TC_QuickJit=0). Keep .NET's default tiered compilation.", e);
        }
    }

    /// <summary>The font files the PDFs are set in (initialises PDFsharp if needed).</summary>
    public static IReadOnlyCollection<string> FontFiles
    {
        get
        {
            EnsureInitialized();
            return _resolver!.FaceFiles;
        }
    }
}
