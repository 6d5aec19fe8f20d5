using Portal.Domain.Declarations;
using Portal.Infrastructure.Accounts;

namespace Portal.Web.Cli;

/// <summary><c>accounts create</c>: an account made by an operator, its first password sent to its owner, never printed.</summary>
public static class AccountsCommand
{
    public static async Task<int> CreateAsync(WebApplication app, string[] options)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < options.Length; i += 2)
        {
            if (!options[i].StartsWith("--", StringComparison.Ordinal)) return Usage($"unexpected '{options[i]}'");
            values[options[i][2..]] = options[i + 1];
        }
        if (options.Length % 2 != 0) return Usage($"'{options[^1]}' needs a value");
        if (!values.TryGetValue("role", out var role) || !values.TryGetValue("user", out var user) || !values.TryGetValue("name", out var name))
            return Usage("--role, --user and --name are required");
        if (role == PortalRoles.Citizen && !Identifiers.IsMaSoBhxh(user)) return Usage("a citizen's user name is the 10-digit mã số BHXH");
        string? phone = null;
        if (values.TryGetValue("phone", out var givenPhone))
        {
            phone = Identifiers.NormalizeMobile(givenPhone);
            if (phone is null) return Usage("--phone is not a Vietnamese mobile number");
        }

        if (!await CommandLine.SchemaIsCurrentAsync(app)) return 2;
        await using var scope = app.Services.CreateAsyncScope();
        try
        {
            var account = await scope.ServiceProvider.GetRequiredService<AccountCreator>().CreateAsync(
                new NewAccount(role, user, name, phone, values.GetValueOrDefault("email"), values.GetValueOrDefault("office")));
            Console.WriteLine($"Account {account.UserName} ({role}) created; its first password is queued by {(phone is null ? "" : "SMS")}{(phone is not null && account.Email is not null ? " and " : "")}{(account.Email is null ? "" : "email")}.");
            return 0;
        }
        catch (AccountRefusedException e)
        {
            return Usage(e.Message);
        }
    }

    private static int Usage(string problem)
    {
        Console.Error.WriteLine($"accounts create: {problem}.");
        Console.Error.WriteLine("usage: accounts create --role Citizen|OfficeStaff|ProvinceStaff|Admin --user USER --name NAME [--phone 09…] [--email …] [--office CODE]");
        return 2;
    }
}
