using Microsoft.Extensions.Logging.Abstractions;
using Portal.Infrastructure.Captcha;

namespace Portal.Infrastructure.Tests.Captcha;

public sealed class CaptchaAudioTests
{
    [Fact]
    public void Every_character_of_the_alphabet_has_a_distinct_vietnamese_name()
    {
        Assert.Equal(CaptchaCode.Alphabet.Order(), CaptchaAudio.Names.Keys.Order());
        Assert.Equal(CaptchaAudio.Names.Count, CaptchaAudio.Names.Values.Distinct().Count());
    }

    [Fact]
    public void The_script_spells_the_code_in_order_with_a_pause_between_characters()
    {
        var script = CaptchaAudio.Script("K4MX7");

        Assert.Contains("ca<break time=\"700ms\"/>bốn<break time=\"700ms\"/>em mờ<break time=\"700ms\"/>ích xì<break time=\"700ms\"/>bảy", script);
        Assert.Throws<ArgumentException>(() => CaptchaAudio.Script("K4MX<"));
    }

    [Fact]
    public async Task Espeak_ng_speaks_a_code_as_a_wav_file_with_its_sizes_filled_in()
    {
        var audio = new CaptchaAudio(new CaptchaAudioOptions(), NullLogger<CaptchaAudio>.Instance);
        Assert.True(audio.IsAvailable, "espeak-ng with its Vietnamese voice is needed: apt-get install espeak-ng (.ci/run installs it).");

        var wav = await audio.SpeakAsync("ACDEG");

        Assert.Equal("RIFF"u8.ToArray(), wav[..4]);
        Assert.Equal("WAVE"u8.ToArray(), wav[8..12]);
        Assert.Equal(wav.Length - 8, BitConverter.ToInt32(wav, 4));
        Assert.Equal(wav.Length - 44, BitConverter.ToInt32(wav, 40));
        Assert.NotEqual(wav, await audio.SpeakAsync("ACDEH"));
    }

    [Fact]
    public async Task A_missing_program_turns_audio_off_instead_of_failing()
    {
        var audio = new CaptchaAudio(new CaptchaAudioOptions("/nonexistent/espeak-ng"), NullLogger<CaptchaAudio>.Instance);

        Assert.False(audio.IsAvailable);
        await Assert.ThrowsAsync<InvalidOperationException>(() => audio.SpeakAsync("ACDEG"));
    }

    [Fact]
    public void An_audio_token_opens_with_its_key_only_and_not_when_altered()
    {
        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var token = CaptchaAudioToken.Protect("0123456789abcdef0123456789abcdef", "K4MX7", key);

        Assert.DoesNotContain("K4MX7", token);
        Assert.True(CaptchaAudioToken.TryUnprotect(token, key, out var id, out var code));
        Assert.Equal(("0123456789abcdef0123456789abcdef", "K4MX7"), (id, code));
        Assert.False(CaptchaAudioToken.TryUnprotect(token, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), out _, out _));
        var altered = (token[5] == 'A' ? "B" : "A") is var c ? token[..5] + c + token[6..] : token;
        Assert.False(CaptchaAudioToken.TryUnprotect(altered, key, out _, out _));
        Assert.False(CaptchaAudioToken.TryUnprotect("not base64!", key, out _, out _));
    }
}
