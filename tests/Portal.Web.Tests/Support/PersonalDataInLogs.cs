using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Text;
using Portal.Infrastructure.Persistence;

namespace Portal.Web.Tests.Support;

/// <summary>
/// Finds a person's name, ID number, mã số BHXH, phone or email in log lines (message, scopes, state, exception):
/// the values a test typed, or every such value its portal has stored.
/// </summary>
public static class PersonalDataInLogs
{
    /// <summary>Every citizen's name, numbers, phone and email that the portal's database holds (declarations and accounts).</summary>
    public static async Task<IReadOnlyList<string>> StoredAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var declarations = await db.Declarations.AsNoTracking()
            .Select(d => new[] { d.FullName, d.MaSoBhxh, d.IdentityNumber, d.GuardianName, d.GuardianMaSoBhxh, d.GuardianIdentityNumber, d.ContactPerson, d.Email, d.MobilePhone })
            .ToListAsync();
        // Citizens sign in with their mã số BHXH; staff and operators have given user names and are not the subject here.
        var citizens = await db.Users.AsNoTracking().Where(u => u.OfficeCode == null)
            .Select(u => new[] { u.UserName, u.FullName, u.IdentityNumber, u.Email, u.PhoneNumber })
            .ToListAsync();
        return declarations.Concat(citizens
                .Where(u => u[0] is { } userName && userName.All(char.IsAsciiDigit)))
            .SelectMany(values => values)
            .OfType<string>()
            .Where(value => value.Length >= 6)
            .Distinct()
            .ToList();
    }

    /// <summary>One description per value found in a line; empty when the lines are clean.</summary>
    public static IReadOnlyList<string> Leaks(IEnumerable<CapturedLogs.Line> lines, IEnumerable<string> values)
    {
        var forms = values.SelectMany(FormsOf).Distinct().ToList();
        return lines
            .SelectMany(line =>
            {
                var text = string.Join("\n", [line.Message, line.Scopes, line.Exception, .. line.State.Select(p => p.Value)]);
                var folded = VietnameseText.Fold(text);
                return forms.Where(form => text.Contains(form, StringComparison.OrdinalIgnoreCase) || folded.Contains(VietnameseText.Fold(form), StringComparison.Ordinal) && form.Any(char.IsLetter))
                    .Select(form => $"{form} in {line}");
            })
            .ToList();
    }

    /// <summary>
    /// A value as it may be written: a phone also without its leading 0 (so "84…" and "+84…" match too) and
    /// spaced in threes; a name also without diacritics, as an SMS spells it (the folded comparison).
    /// </summary>
    private static IEnumerable<string> FormsOf(string value)
    {
        yield return value;
        if (value.Length == 10 && value[0] == '0' && value.All(char.IsAsciiDigit))
        {
            yield return value[1..];
            yield return $"{value[1..4]} {value[4..7]} {value[7..]}";
        }
    }
}
