using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;
using Portal.Domain.Declarations;

namespace Portal.Infrastructure.Pdf;

/// <summary>Several declarations' Mẫu 01 in one PDF: each rendered as it is alone, then its pages appended, in the order given.</summary>
public sealed class BatchPdf(Mau01PdfService pdfs)
{
    /// <summary>
    /// Writes the merged PDF to <paramref name="output"/> and returns its page count. <paramref name="progress"/> hears
    /// how many declarations are done after each one; the document is held in memory until it is written.
    /// </summary>
    public async Task<int> WriteAsync(IReadOnlyList<Declaration> declarations, Stream output, IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (declarations.Count == 0) throw new ArgumentException("A batch PDF needs at least one declaration.", nameof(declarations));
        using var merged = new PdfDocument();
        merged.Info.Title = $"Tờ khai Mẫu 01, {declarations.Count} hồ sơ";
        merged.Info.Creator = "Portal";
        merged.Options.CompressContentStreams = true;
        for (var i = 0; i < declarations.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var single = await pdfs.RenderAsync(declarations[i], cancellationToken);
            using var source = PdfReader.Open(new MemoryStream(single, writable: false), PdfDocumentOpenMode.Import);
            foreach (var page in source.Pages) merged.AddPage(page);
            progress?.Report(i + 1);
        }
        var pages = merged.PageCount;
        merged.Save(output, closeStream: false);
        return pages;
    }
}
