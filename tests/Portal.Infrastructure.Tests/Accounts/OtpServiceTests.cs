using System.Globalization;
using System.Text.RegularExpressions;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Portal.Infrastructure.Accounts;
using Portal.Infrastructure.Outbox;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Tests.Support;

namespace Portal.Infrastructure.Tests.Accounts;

[Collection(DatabaseCollection.Name)]
public sealed partial class OtpServiceTests(PostgresServer postgres) : IDisposable
{
    private const string Phone = "0912000001";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("portal-otp-").FullName;
    private readonly CapturingLoggerProvider _logs = new();

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    private PortalDbContext Context(TestDatabase database)
    {
        var builder = new DbContextOptionsBuilder<PortalDbContext>()
            .UseLoggerFactory(LoggerFactory.Create(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace)));
        DependencyInjection.ConfigureDbContext(builder, database.Options);
        return new PortalDbContext(builder.Options);
    }

    private OtpService Service(PortalDbContext db) =>
        new(db, _clock, new OutboxTrigger(new BackgroundJobClient(new InMemoryStorage()), _clock), new PortalPaths(_dataDirectory), _logs.CreateLogger<OtpService>());

    private async Task<(TestDatabase Database, PortalUser User)> AccountAsync(string provider, string? phone = Phone)
    {
        var database = await TestDatabase.CreateAsync(provider, postgres);
        await database.MigrateAsync();
        var user = new PortalUser("0123456780", "Trần Thị Mai", phone, null, null, _clock.GetUtcNow());
        await using var db = database.NewContext();
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return (database, user);
    }

    private async Task<OtpIssue> IssueAsync(TestDatabase database, PortalUser user, OtpPurpose purpose = OtpPurpose.ChangePassword)
    {
        await using var db = Context(database);
        return await Service(db).IssueAsync(user, purpose);
    }

    private async Task<OtpCheck> VerifyAsync(TestDatabase database, PortalUser user, string code, OtpPurpose purpose = OtpPurpose.ChangePassword)
    {
        await using var db = Context(database);
        return await Service(db).VerifyAsync(user.Id, purpose, code);
    }

    private static async Task<List<OutboxMessage>> SmsAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.Channel == OutboxChannel.Sms).OrderBy(m => m.Id).ToListAsync();
    }

    /// <summary>The code of the last SMS sent.</summary>
    private static async Task<string> LastCodeAsync(TestDatabase database) => CodeIn((await SmsAsync(database))[^1].Body);

    private static string CodeIn(string body) => CodeInSms().Match(body) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException($"No code in '{body}'");

    private static string Other(string code) => ((int.Parse(code, CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    private static async Task<OtpChallenge> ChallengeAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return await db.OtpChallenges.AsNoTracking().OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).FirstAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_issued_code_goes_by_sms_to_the_users_phone_and_only_its_hash_is_stored(string provider)
    {
        var (database, user) = await AccountAsync(provider);
        await using var _ = database;

        Assert.Equal(OtpIssue.Sent, await IssueAsync(database, user));

        var sms = Assert.Single(await SmsAsync(database));
        var code = CodeIn(sms.Body);
        Assert.Equal(Phone, sms.Recipient);
        Assert.Equal($"BHXHVN: Ma OTP de doi mat khau cua ban la {code}, co hieu luc trong 5 phut. Khong cung cap ma nay cho bat ky ai.", sms.Body);
        Assert.Matches("^[0-9]{6}$", code);
        var cells = await CellsAsync(database, "OtpChallenges");
        Assert.NotEmpty(cells);
        Assert.DoesNotContain(cells, cell => cell.Contains(code, StringComparison.Ordinal));
        var challenge = await ChallengeAsync(database);
        Assert.Equal((user.Id, OtpPurpose.ChangePassword, 0, _clock.GetUtcNow().AddMinutes(5)), (challenge.UserId, challenge.Purpose, challenge.AttemptsUsed, challenge.ExpiresAt));
        Assert.Matches("^[0-9a-f]{64}$", challenge.CodeHash);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_reset_sms_says_what_the_code_is_for(string provider)
    {
        var (database, user) = await AccountAsync(provider);
        await using var _ = database;

        await IssueAsync(database, user, OtpPurpose.ResetPassword);

        var code = await LastCodeAsync(database);
        Assert.Equal($"BHXHVN: Ma OTP de dat lai mat khau cua ban la {code}, co hieu luc trong 5 phut. Khong cung cap ma nay cho bat ky ai.", (await SmsAsync(database))[0].Body);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_right_code_is_accepted_once(string provider)
    {
        var (database, user) = await AccountAsync(provider);
        await using var _ = database;
        await IssueAsync(database, user);
        var code = await LastCodeAsync(database);

        Assert.Equal(OtpCheck.Accepted, await VerifyAsync(database, user, code));
        Assert.Equal(OtpCheck.Spent, await VerifyAsync(database, user, code));
        Assert.Equal(_clock.GetUtcNow(), (await ChallengeAsync(database)).UsedAt);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_code_expires_5_minutes_after_it_was_sent(string provider)
    {
        var (database, user) = await AccountAsync(provider);
        await using var _ = database;

        await IssueAsync(database, user);
        _clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.Equal(OtpCheck.Accepted, await VerifyAsync(database, user, await LastCodeAsync(database)));

        await IssueAsync(database, user);
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(OtpCheck.Spent, await VerifyAsync(database, user, await LastCodeAsync(database)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Three_wrong_codes_burn_it_and_the_right_one_then_fails(string provider)
    {
        var (database, user) = await AccountAsync(provider);
        await using var _ = database;
        await IssueAsync(database, user);
        var code = await LastCodeAsync(database);

        for (var i = 0; i < OtpChallenge.MaxAttempts; i++) Assert.Equal(OtpCheck.Wrong, await VerifyAsync(database, user, Other(code)));

        Assert.Equal(OtpCheck.Spent, await VerifyAsync(database, user, code));
        Assert.Equal(3, (await ChallengeAsync(database)).AttemptsUsed);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Parallel_guesses_are_compared_no_more_than_3_times(string provider)
    {
        var (database, user) = await AccountAsync(provider);
        await using var _ = database;
        await IssueAsync(database, user);
        var code = await LastCodeAsync(database);

        var checks = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => VerifyAsync(database, user, Other(code)))));

        Assert.Equal(3, checks.Count(c => c == OtpCheck.Wrong));
        Assert.Equal(9, checks.Count(c => c == OtpCheck.Spent));
        Assert.Equal(3, (await ChallengeAsync(database)).AttemptsUsed);
        Assert.Equal(OtpCheck.Spent, await VerifyAsync(database, user, code));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_newer_code_replaces_the_older_one(string provider)
    {
        var (database, user) = await AccountAsync(provider);
        await using var _ = database;
        await IssueAsync(database, user);
        var first = await LastCodeAsync(database);
        _clock.Advance(TimeSpan.FromSeconds(30));
        await IssueAsync(database, user);
        var second = await LastCodeAsync(database);
        Assert.NotEqual(first, second);

        Assert.Equal(OtpCheck.Wrong, await VerifyAsync(database, user, first));
        Assert.Equal(OtpCheck.Accepted, await VerifyAsync(database, user, second));
        await using var db = database.NewContext();
        Assert.Equal([_clock.GetUtcNow()], await db.OtpChallenges.Where(c => c.SupersededAt != null).Select(c => c.SupersededAt!.Value).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_code_confirms_only_its_purpose_and_its_account(string provider)
    {
        var (database, user) = await AccountAsync(provider);
        await using var _ = database;
        await IssueAsync(database, user, OtpPurpose.ResetPassword);
        var code = await LastCodeAsync(database);
        var other = new PortalUser("0123456781", "Nguyễn Văn An", "0912000002", null, null, _clock.GetUtcNow());

        Assert.Equal(OtpCheck.Spent, await VerifyAsync(database, user, code, OtpPurpose.ChangePassword));
        Assert.Equal(OtpCheck.Spent, await VerifyAsync(database, other, code, OtpPurpose.ResetPassword));
        Assert.Equal(OtpCheck.Accepted, await VerifyAsync(database, user, code, OtpPurpose.ResetPassword));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task At_most_5_codes_an_hour_are_sent_to_an_account(string provider)
    {
        var (database, user) = await AccountAsync(provider);
        await using var _ = database;

        for (var i = 0; i < OtpService.MaxPerHour; i++)
        {
            Assert.Equal(OtpIssue.Sent, await IssueAsync(database, user));
            _clock.Advance(TimeSpan.FromMinutes(1));
        }
        var live = await LastCodeAsync(database);
        Assert.Equal(OtpIssue.TooMany, await IssueAsync(database, user));
        Assert.Equal(OtpService.MaxPerHour, (await SmsAsync(database)).Count);
        Assert.Equal(OtpIssue.Sent, await IssueAsync(database, user, OtpPurpose.ResetPassword));
        Assert.Equal(OtpCheck.Accepted, await VerifyAsync(database, user, live));

        _clock.Advance(TimeSpan.FromMinutes(56));
        Assert.Equal(OtpIssue.Sent, await IssueAsync(database, user));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_account_without_a_phone_gets_no_sms(string provider)
    {
        var (database, user) = await AccountAsync(provider, phone: null);
        await using var _ = database;

        Assert.Equal(OtpIssue.NoPhone, await IssueAsync(database, user));

        Assert.Empty(await SmsAsync(database));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_unknown_user_name_gets_a_stand_in_challenge_that_no_code_opens_and_no_sms(string provider)
    {
        var (database, _) = await AccountAsync(provider);
        await using var _database = database;

        await using (var db = Context(database)) await Service(db).IssueForUnknownAsync("0999999999", OtpPurpose.ResetPassword);

        Assert.Empty(await SmsAsync(database));
        var standIn = await ChallengeAsync(database);
        Assert.Equal(OtpPurpose.ResetPassword, standIn.Purpose);
        for (var i = 0; i < OtpChallenge.MaxAttempts; i++)
        {
            await using var db = Context(database);
            Assert.Equal(OtpCheck.Wrong, await Service(db).VerifyForUnknownAsync(" 0999999999 ", OtpPurpose.ResetPassword, "123456"));
        }
        await using (var db = Context(database))
            Assert.Equal(OtpCheck.Spent, await Service(db).VerifyForUnknownAsync("0999999999", OtpPurpose.ResetPassword, "123456"));
        Assert.Equal(3, (await ChallengeAsync(database)).AttemptsUsed);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task No_log_line_carries_the_code(string provider)
    {
        var (database, user) = await AccountAsync(provider);
        await using var _ = database;

        await IssueAsync(database, user);
        var code = await LastCodeAsync(database);
        await VerifyAsync(database, user, Other(code));
        await VerifyAsync(database, user, code);

        Assert.Contains(_logs.Entries, e => e.Category == typeof(OtpService).FullName);
        Assert.Contains(_logs.Entries, e => e.Message.Contains("OtpChallenges", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Entries, e => e.AllText.Contains(code, StringComparison.Ordinal));
    }

    /// <summary>Every value of every row of a table, as text.</summary>
    private static async Task<List<string>> CellsAsync(TestDatabase database, string table)
    {
        await using var db = database.NewContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""SELECT * FROM "{table}" """;
        await using var reader = await command.ExecuteReaderAsync();
        var cells = new List<string>();
        while (await reader.ReadAsync())
            for (var i = 0; i < reader.FieldCount; i++) cells.Add(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "");
        return cells;
    }

    [GeneratedRegex("la ([0-9]{6}),")]
    private static partial Regex CodeInSms();
}
