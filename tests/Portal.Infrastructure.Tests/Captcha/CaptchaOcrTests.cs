using System.Diagnostics;
using Portal.Infrastructure.Captcha;
using SkiaSharp;
using Xunit.Abstractions;

namespace Portal.Infrastructure.Tests.Captcha;

/// <summary>
/// The captcha's strength against an off-the-shelf OCR engine: Debian's <c>tesseract</c> (package tesseract-ocr),
/// given every advantage we can: the alphabet as a whitelist, single-line and single-word page modes, and the image
/// as drawn and enlarged 3×. A code counts as read when any of these attempts gives it back.
/// </summary>
public sealed class CaptchaOcrTests(ITestOutputHelper output)
{
    private const int Images = 50;
    private const double MaxReadShare = 0.10;

    [Fact]
    public async Task Tesseract_reads_at_most_one_in_ten_of_50_captcha_images()
    {
        RequireTesseract();
        var folder = Directory.CreateTempSubdirectory("captcha-ocr-");
        try
        {
            // The engine works: the same font, drawn straight and clean, is read right (else "not read" proves nothing).
            var plain = Path.Combine(folder.FullName, "plain.png");
            await File.WriteAllBytesAsync(plain, PlainText("KM4PQ"));
            Assert.Equal("KM4PQ", CaptchaCode.Normalize(await OcrAsync(plain, "7", CancellationToken.None)));

            var results = new (string Code, string[] Readings)[Images];
            await Parallel.ForAsync(0, Images, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (i, ct) =>
            {
                // Codes and distortion from the image's number, so that the test gives the same answer every run.
                var random = new Random(9000 + i);
                var code = new string([.. Enumerable.Range(0, CaptchaCode.Length).Select(_ => CaptchaCode.Alphabet[random.Next(CaptchaCode.Alphabet.Length)])]);
                var png = CaptchaImage.RenderPng(code, seed: 9000 + i);
                var path = Path.Combine(folder.FullName, $"{i}.png");
                var enlarged = Path.Combine(folder.FullName, $"{i}-x3.png");
                await File.WriteAllBytesAsync(path, png, ct);
                await File.WriteAllBytesAsync(enlarged, Enlarge(png, 3), ct);
                var readings = new List<string>();
                foreach (var file in new[] { path, enlarged })
                {
                    foreach (var mode in new[] { "7", "8" })
                    {
                        readings.Add(CaptchaCode.Normalize(await OcrAsync(file, mode, ct)).Replace(" ", "", StringComparison.Ordinal));
                    }
                }

                results[i] = (code, [.. readings]);
            });

            var read = results.Count(r => r.Readings.Contains(r.Code));
            var sample = string.Join("; ", results.Take(8).Select(r => $"{r.Code}→{string.Join("|", r.Readings)}"));
            output.WriteLine($"tesseract read {read} of {Images} images right. {sample}");
            Assert.True(
                read <= Images * MaxReadShare,
                $"tesseract read {read} of {Images} captcha images right (at most {Images * MaxReadShare} allowed). Sample: {sample}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static void RequireTesseract()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, "tesseract")));
        Assert.True(onPath, "tesseract is not on PATH: this test needs the Debian package tesseract-ocr (apt-get install tesseract-ocr; .ci/run installs it).");
    }

    private static async Task<string> OcrAsync(string image, string pageMode, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("tesseract")
        {
            ArgumentList = { image, "stdout", "--psm", pageMode, "-l", "eng", "-c", $"tessedit_char_whitelist={CaptchaCode.Alphabet}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["OMP_THREAD_LIMIT"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("tesseract did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        Assert.True(process.ExitCode == 0, $"tesseract failed ({process.ExitCode}): {await errors}");
        return await output;
    }

    private static byte[] PlainText(string text)
    {
        using var bitmap = new SKBitmap(CaptchaImage.Width, CaptchaImage.Height);
        using (var canvas = new SKCanvas(bitmap))
        using (var font = new SKFont(CaptchaTypeface.Get(), 32))
        using (var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true })
        {
            canvas.Clear(SKColors.White);
            canvas.DrawText(text, 12, 44, SKTextAlign.Left, font, ink);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var encoded = image.Encode(SKEncodedImageFormat.Png, 100);
        return encoded.ToArray();
    }

    private static byte[] Enlarge(byte[] png, int factor)
    {
        using var source = SKBitmap.Decode(png);
        using var large = source.Resize(new SKImageInfo(source.Width * factor, source.Height * factor), new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var image = SKImage.FromBitmap(large);
        using var encoded = image.Encode(SKEncodedImageFormat.Png, 100);
        return encoded.ToArray();
    }
}
