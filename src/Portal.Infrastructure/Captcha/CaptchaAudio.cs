using System.Buffers.Binary;
using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Portal.Infrastructure.Captcha;

/// <param name="Program">The espeak-ng executable, by name on PATH or by path (<c>Captcha:Audio:Program</c>).</param>
/// <param name="Enabled">False turns the audio alternative off (<c>Captcha:Audio:Enabled</c>).</param>
public sealed record CaptchaAudioOptions(string Program = "espeak-ng", bool Enabled = true);

/// <summary>
/// The audio alternative to the captcha image: the code spelled one character at a time in Vietnamese by espeak-ng
/// (Debian package espeak-ng, voice <c>vi</c>), slowly and with a pause between characters, as a WAV file.
/// espeak-ng runs as a process with an argument list (no shell) and gets the text on its standard input, so the code
/// shows in no command line; it is never logged. Whether espeak-ng works is tried once, at start-up: if it does not,
/// <see cref="IsAvailable"/> is false and pages offer no audio instead of failing.
/// </summary>
public sealed class CaptchaAudio
{
    public const string ContentType = "audio/wav";

    /// <summary>Longest a synthesis may take before the process is killed.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>How Vietnamese speakers spell the characters of <see cref="CaptchaCode.Alphabet"/> aloud.</summary>
    public static readonly IReadOnlyDictionary<char, string> Names = new Dictionary<char, string>
    {
        ['A'] = "a", ['C'] = "xê", ['D'] = "đê", ['E'] = "e", ['G'] = "giê", ['H'] = "hát", ['J'] = "gi",
        ['K'] = "ca", ['M'] = "em mờ", ['N'] = "en nờ", ['P'] = "pê", ['Q'] = "quy", ['R'] = "e rờ", ['U'] = "u",
        ['V'] = "vê", ['W'] = "vê kép", ['X'] = "ích xì", ['Y'] = "i dài",
        ['3'] = "ba", ['4'] = "bốn", ['6'] = "sáu", ['7'] = "bảy", ['9'] = "chín",
    };

    private const int WordsPerMinute = 120;
    private const int PauseMilliseconds = 700;

    // Synthesis is short but CPU-bound: at most two at once, the others wait their turn.
    private readonly SemaphoreSlim _slots = new(2);
    private readonly CaptchaAudioOptions _options;

    public CaptchaAudio(CaptchaAudioOptions options, ILogger<CaptchaAudio> logger)
    {
        _options = options;
        (IsAvailable, var reason) = Probe();
        if (IsAvailable) logger.LogInformation("Captcha audio: {Program} with the Vietnamese voice", options.Program);
        else logger.LogWarning("Captcha audio is off: {Reason}", reason);
    }

    public bool IsAvailable { get; }

    /// <summary>The SSML espeak-ng reads for <paramref name="code"/>: an introduction, then each character's name after a pause.</summary>
    public static string Script(string code)
    {
        var pause = $"<break time=\"{PauseMilliseconds}ms\"/>";
        var names = code.Select(c => Names.TryGetValue(c, out var name)
            ? name
            : throw new ArgumentException("The code has a character outside the captcha alphabet.", nameof(code)));
        return $"<speak>Mã kiểm tra. {pause}{string.Join(pause, names)}{pause}</speak>";
    }

    /// <summary>The code read aloud as a WAV file (RIFF/WAVE, 16-bit PCM, mono).</summary>
    /// <exception cref="InvalidOperationException">Audio is off, or espeak-ng failed or took longer than <see cref="Timeout"/>.</exception>
    public async Task<byte[]> SpeakAsync(string code, CancellationToken cancellationToken = default)
    {
        if (!IsAvailable) throw new InvalidOperationException("Captcha audio is off.");
        var script = Script(code);
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await SynthesizeAsync(script, cancellationToken);
        }
        finally
        {
            _slots.Release();
        }
    }

    private (bool, string?) Probe()
    {
        if (!_options.Enabled) return (false, "turned off by Captcha:Audio:Enabled");
        try
        {
            _ = SynthesizeAsync(Script("A"), CancellationToken.None).GetAwaiter().GetResult();
            return (true, null);
        }
        catch (InvalidOperationException e)
        {
            return (false, e.Message);
        }
    }

    private async Task<byte[]> SynthesizeAsync(string ssml, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(_options.Program)
        {
            // -m: the text is SSML (for the pauses); -s: words per minute, slower than the default 175.
            ArgumentList = { "-v", "vi", "-s", WordsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture), "-m", "--stdin", "--stdout" },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            UseShellExecute = false,
        };
        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"{_options.Program} cannot be started ({e.Message}): install the Debian package espeak-ng.", e);
        }

        using (process)
        {
            if (process is null) throw new InvalidOperationException($"{_options.Program} did not start.");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            try
            {
                using var output = new MemoryStream();
                var reading = process.StandardOutput.BaseStream.CopyToAsync(output, timeout.Token);
                var errors = process.StandardError.ReadToEndAsync(timeout.Token);
                await process.StandardInput.WriteAsync(ssml.AsMemory(), timeout.Token);
                process.StandardInput.Close();
                await reading;
                await process.WaitForExitAsync(timeout.Token);
                // Its messages never contain the text it was given, but are not passed on anyway: only the status.
                _ = await errors;
                if (process.ExitCode != 0) throw new InvalidOperationException($"{_options.Program} failed with exit code {process.ExitCode}.");
                return WithSizes(output.ToArray());
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Stop(process);
                throw new InvalidOperationException($"{_options.Program} took longer than {Timeout.TotalSeconds:0} s.");
            }
            catch (OperationCanceledException)
            {
                Stop(process);
                throw;
            }
            catch (IOException e)
            {
                // It closed its input early (it failed before reading it all).
                Stop(process);
                throw new InvalidOperationException($"{_options.Program} stopped reading its input ({e.GetType().Name}).", e);
            }
        }
    }

    private static void Stop(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It has exited already.
        }
    }

    /// <summary>
    /// espeak-ng writing to a pipe cannot go back to fill in the RIFF and data sizes and leaves them at their maximum;
    /// set them, so that players show the length and can seek.
    /// </summary>
    private static byte[] WithSizes(byte[] wav)
    {
        if (wav.Length < 44 || !wav.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !wav.AsSpan(8, 4).SequenceEqual("WAVE"u8))
            throw new InvalidOperationException("espeak-ng wrote no WAV file.");
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(4), (uint)(wav.Length - 8));
        var at = 12;
        while (at + 8 <= wav.Length)
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(at + 4));
            if (wav.AsSpan(at, 4).SequenceEqual("data"u8))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(at + 4), (uint)(wav.Length - at - 8));
                return wav;
            }

            at += 8 + (int)size + (int)(size % 2);
        }

        throw new InvalidOperationException("espeak-ng wrote a WAV file without data.");
    }
}
