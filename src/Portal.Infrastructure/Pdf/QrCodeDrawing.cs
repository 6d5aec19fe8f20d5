using PdfSharp.Drawing;
using QRCoder;

namespace Portal.Infrastructure.Pdf;

/// <summary>Draws a QR code as vector squares: crisp at any print resolution and no image to decode.</summary>
internal static class QrCodeDrawing
{
    /// <summary>Dark (true) and light modules, quiet zone of 4 modules included, row by row.</summary>
    public static bool[][] Modules(string payload)
    {
        using var data = QRCodeGenerator.GenerateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        var rows = new bool[data.ModuleMatrix.Count][];
        for (var row = 0; row < rows.Length; row++)
        {
            var bits = data.ModuleMatrix[row];
            rows[row] = new bool[bits.Length];
            bits.CopyTo(rows[row], 0);
        }
        return rows;
    }

    public static void Draw(XGraphics graphics, string payload, XRect box)
    {
        var modules = Modules(payload);
        var size = Math.Min(box.Width, box.Height) / modules.Length;
        var runs = new List<XRect>();
        for (var row = 0; row < modules.Length; row++)
        {
            var column = 0;
            while (column < modules[row].Length)
            {
                if (!modules[row][column])
                {
                    column++;
                    continue;
                }
                var start = column;
                while (column < modules[row].Length && modules[row][column])
                {
                    column++;
                }
                runs.Add(new XRect(box.X + (start * size), box.Y + (row * size), (column - start) * size, size));
            }
        }
        // One fill for all squares: adjacent squares filled separately show hairline seams in some viewers.
        graphics.DrawRectangles(XBrushes.Black, [.. runs]);
    }
}
