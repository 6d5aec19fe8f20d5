using System.Security.Cryptography;
using Portal.Infrastructure.Captcha;

namespace Portal.Infrastructure.Tests.Captcha;

public sealed class CaptchaCodeTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void Alphabet_has_no_look_alike_characters_and_no_duplicates()
    {
        Assert.Equal(CaptchaCode.Alphabet.Length, CaptchaCode.Alphabet.Distinct().Count());
        Assert.All(CaptchaCode.Alphabet, c => Assert.True(char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c)));
        Assert.All("0O1IL2Z5S8BFT", c => Assert.DoesNotContain(c, CaptchaCode.Alphabet));
    }

    [Fact]
    public void Generated_codes_have_five_characters_from_the_alphabet_and_are_spread_out()
    {
        var codes = Enumerable.Range(0, 1000).Select(_ => CaptchaCode.Generate()).ToList();

        Assert.All(codes, code =>
        {
            Assert.Equal(CaptchaCode.Length, code.Length);
            Assert.All(code, c => Assert.Contains(c, CaptchaCode.Alphabet));
        });
        Assert.True(codes.Distinct().Count() >= 990, "1000 codes out of 23^5 should almost never collide");
        var usedCharacters = codes.SelectMany(c => c).Distinct().Count();
        Assert.Equal(CaptchaCode.Alphabet.Length, usedCharacters);
        var positionsWithManyCharacters = Enumerable.Range(0, CaptchaCode.Length)
            .Count(i => codes.Select(c => c[i]).Distinct().Count() == CaptchaCode.Alphabet.Length);
        Assert.Equal(CaptchaCode.Length, positionsWithManyCharacters);
    }

    [Theory]
    [InlineData("  ab3cd ", "AB3CD")]
    [InlineData("AB3CD", "AB3CD")]
    [InlineData(null, "")]
    [InlineData("   ", "")]
    public void Normalize_trims_and_upper_cases(string? input, string expected) =>
        Assert.Equal(expected, CaptchaCode.Normalize(input));

    [Theory]
    [InlineData("ab3cd")]
    [InlineData("AB3CD")]
    [InlineData(" Ab3cD\t")]
    public void Input_matches_the_hash_of_the_code_regardless_of_case_and_surrounding_space(string input)
    {
        var storedHash = CaptchaCode.Hash(CaptchaCode.Normalize("AB3CD"), Key);

        Assert.True(CaptchaCode.Matches(input, storedHash, Key));
    }

    [Theory]
    [InlineData("AB3CE")]
    [InlineData("AB3C")]
    [InlineData("AB3CDD")]
    [InlineData("A B3CD")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Wrong_or_empty_input_does_not_match(string? input)
    {
        var storedHash = CaptchaCode.Hash("AB3CD", Key);

        Assert.False(CaptchaCode.Matches(input, storedHash, Key));
    }

    [Fact]
    public void The_right_code_under_another_key_does_not_match()
    {
        var storedHash = CaptchaCode.Hash("AB3CD", Key);

        Assert.False(CaptchaCode.Matches("AB3CD", storedHash, RandomNumberGenerator.GetBytes(32)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not hex")]
    [InlineData("abcd")]
    public void A_malformed_stored_hash_matches_nothing(string storedHash) =>
        Assert.False(CaptchaCode.Matches("AB3CD", storedHash, Key));

    [Fact]
    public void Hash_is_lower_case_hex_of_hmac_sha256_and_never_contains_the_code()
    {
        var hash = CaptchaCode.Hash("AB3CD", Key);

        Assert.Equal(64, hash.Length);
        Assert.Equal(Convert.ToHexStringLower(HMACSHA256.HashData(Key, "AB3CD"u8)), hash);
        Assert.DoesNotContain("AB3CD", hash, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Stored_hash_in_upper_case_hex_still_matches() =>
        Assert.True(CaptchaCode.Matches("ab3cd", CaptchaCode.Hash("AB3CD", Key).ToUpperInvariant(), Key));
}
