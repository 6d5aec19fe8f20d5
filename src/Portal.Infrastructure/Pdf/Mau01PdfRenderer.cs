using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Portal.Infrastructure.Pdf;

/// <summary>Mẫu 01 (tờ khai đăng ký, điều chỉnh, ngừng giao dịch điện tử) as an A4 PDF, set with PDFsharp.</summary>
public sealed class Mau01PdfRenderer : IMau01PdfRenderer
{
    public Mau01PdfRenderer() => PdfSharpSetup.EnsureInitialized();

    public byte[] Render(Mau01Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var pdf = new PdfDocument();
        pdf.Info.Title = $"Tờ khai Mẫu 01 {document.RecordNumber}";
        pdf.Info.Creator = "Portal";
        pdf.Options.CompressContentStreams = true;
        using (var flow = new FlowLayout(pdf, Mau01Layout.Page, Mau01Layout.Frame))
        {
            new Mau01Writer(flow, document).Write();
        }
        if (pdf.PageCount > 1)
        {
            NumberPages(pdf, document.RecordNumber);
        }
        using var stream = new MemoryStream();
        pdf.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    /// <summary>Pages of a printout get separated at the counter: each names its record and position.</summary>
    private static void NumberPages(PdfDocument pdf, string recordNumber)
    {
        var font = new XFont(FormFontResolver.FamilyName, 9, XFontStyleEx.Italic, new XPdfFontOptions(PdfFontEncoding.Unicode));
        for (var i = 0; i < pdf.PageCount; i++)
        {
            using var gfx = XGraphics.FromPdfPage(pdf.Pages[i], XGraphicsPdfPageOptions.Append);
            var line = new XRect(Mau01Layout.Frame.Left, Mau01Layout.Frame.Bottom + 8, Mau01Layout.Frame.Width, 12);
            gfx.DrawString($"Số hồ sơ {recordNumber} - Trang {i + 1}/{pdf.PageCount}", font, XBrushes.Black, line, XStringFormats.TopCenter);
        }
    }
}
