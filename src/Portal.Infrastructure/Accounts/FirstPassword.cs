using System.Security.Cryptography;

namespace Portal.Infrastructure.Accounts;

/// <summary>A random password for a new account, typed from an SMS: no look-alike characters, every class Identity asks for.</summary>
public static class FirstPassword
{
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnpqrstuvwxyz";
    private const string Digits = "23456789";
    public const int Length = 10;

    public static string Generate()
    {
        var all = Upper + Lower + Digits;
        var chars = new char[Length];
        chars[0] = Upper[RandomNumberGenerator.GetInt32(Upper.Length)];
        chars[1] = Lower[RandomNumberGenerator.GetInt32(Lower.Length)];
        chars[2] = Digits[RandomNumberGenerator.GetInt32(Digits.Length)];
        for (var i = 3; i < Length; i++) chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
