using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Infrastructure.Tests.Pdf;

/// <summary>Runs poppler-utils (pdftotext, pdfinfo, pdffonts, pdfimages, pdftoppm) on a PDF written to a temp file.</summary>
public sealed partial class Poppler : IDisposable
{
    private readonly string _directory = System.IO.Directory.CreateTempSubdirectory("portal-pdf-").FullName;

    public Poppler(byte[] pdf)
    {
        PdfPath = Path.Combine(_directory, "mau01.pdf");
        File.WriteAllBytes(PdfPath, pdf);
    }

    public string PdfPath { get; }

    public string Directory => _directory;

    /// <summary>pdftotext -layout, NFC, every run of whitespace one space.</summary>
    public string Text() => Collapse(Run("pdftotext", "-enc", "UTF-8", "-layout", PdfPath, "-"));

    public string RawText() => Run("pdftotext", "-enc", "UTF-8", "-layout", PdfPath, "-");

    public string Info() => Run("pdfinfo", "-enc", "UTF-8", PdfPath);

    public string Fonts() => Run("pdffonts", PdfPath);

    public string ImageList() => Run("pdfimages", "-list", PdfPath);

    /// <summary>Word boxes in points from the top left, per page: (page, xMin, yMin, xMax, yMax, word).</summary>
    public IReadOnlyList<(int Page, double XMin, double YMin, double XMax, double YMax, string Word)> WordBoxes()
    {
        var html = Run("pdftotext", "-enc", "UTF-8", "-bbox", PdfPath, "-");
        var words = new List<(int, double, double, double, double, string)>();
        var page = 0;
        foreach (var line in html.Split('\n'))
        {
            if (line.Contains("<page ", StringComparison.Ordinal))
            {
                page++;
            }
            var match = WordBox().Match(line);
            if (match.Success)
            {
                double D(string name) => double.Parse(match.Groups[name].Value, System.Globalization.CultureInfo.InvariantCulture);
                words.Add((page, D("x0"), D("y0"), D("x1"), D("y1"), System.Net.WebUtility.HtmlDecode(match.Groups["w"].Value)));
            }
        }
        return words;
    }

    /// <summary>The first page as 8-bit grey pixels at <paramref name="dpi"/> (pdftoppm -gray, PGM).</summary>
    public (int Width, int Height, byte[] Pixels) GreyPage(int dpi)
    {
        var prefix = Path.Combine(_directory, "page");
        Run("pdftoppm", "-gray", "-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-f", "1", "-l", "1", "-singlefile", PdfPath, prefix);
        var bytes = File.ReadAllBytes(prefix + ".pgm");
        var header = new List<string>();
        var position = 0;
        while (header.Count < 4)
        {
            while (char.IsWhiteSpace((char)bytes[position]))
            {
                position++;
            }
            var start = position;
            while (!char.IsWhiteSpace((char)bytes[position]))
            {
                position++;
            }
            header.Add(Encoding.ASCII.GetString(bytes, start, position - start));
        }
        Assert.Equal("P5", header[0]);
        var width = int.Parse(header[1], System.Globalization.CultureInfo.InvariantCulture);
        var height = int.Parse(header[2], System.Globalization.CultureInfo.InvariantCulture);
        return (width, height, bytes[(position + 1)..]);
    }

    public static string Collapse(string text) =>
        string.Join(' ', text.Normalize(NormalizationForm.FormC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public string Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        }
        catch (Win32Exception e)
        {
            Assert.Fail($"{tool} is not installed ({e.Message}). These tests need poppler-utils: apt-get install -y poppler-utils");
            throw;
        }
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', arguments)} exited with {process.ExitCode}: {error.Result}");
            return output;
        }
    }

    public void Dispose() => System.IO.Directory.Delete(_directory, recursive: true);

    [GeneratedRegex("<word xMin=\"(?<x0>[0-9.]+)\" yMin=\"(?<y0>[0-9.]+)\" xMax=\"(?<x1>[0-9.]+)\" yMax=\"(?<y1>[0-9.]+)\">(?<w>.*)</word>")]
    private static partial Regex WordBox();
}
