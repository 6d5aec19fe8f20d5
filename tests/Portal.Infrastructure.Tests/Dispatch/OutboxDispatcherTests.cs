using Portal.Domain.Declarations;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Portal.Infrastructure.Outbox;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Tests.Support;

namespace Portal.Infrastructure.Tests.Dispatch;

[Collection(DatabaseCollection.Name)]
public sealed class OutboxDispatcherTests(PostgresServer postgres)
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 1, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(T0);
    private readonly OutboxOptions _options = new() { MaxAttempts = 3, FirstRetryDelay = TimeSpan.FromSeconds(30), BatchSize = 7, Parallelism = 3 };

    private OutboxDispatcher Dispatcher(TestDatabase database, RecordingSenders senders)
    {
        var services = new ServiceCollection();
        services.AddDbContext<PortalDbContext>(o => DependencyInjection.ConfigureDbContext(o, database.Options));
        var scopes = services.BuildServiceProvider().GetRequiredService<IServiceScopeFactory>();
        return new OutboxDispatcher(scopes, senders, senders, new OutboxEmailComposer(scopes), _clock,
            Microsoft.Extensions.Options.Options.Create(_options), NullLogger<OutboxDispatcher>.Instance);
    }

    private async Task<List<Guid>> QueueAsync(TestDatabase database, int count, OutboxChannel channel = OutboxChannel.Sms)
    {
        await using var db = database.NewContext();
        var messages = Enumerable.Range(0, count)
            .Select(i => new OutboxMessage(channel, channel == OutboxChannel.Sms ? "0983647986" : "a@example.vn", channel == OutboxChannel.Sms ? null : "Chủ đề",
                $"Tin nhắn {i}", null, OutboxAttachment.None, _clock.GetUtcNow()))
            .ToList();
        db.OutboxMessages.AddRange(messages);
        await db.SaveChangesAsync();
        return messages.Select(m => m.Id).ToList();
    }

    private static async Task<List<OutboxMessage>> RowsAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return await db.OutboxMessages.AsNoTracking().ToListAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_due_message_is_sent_once_and_recorded_with_its_route(string provider)
    {
        await using var database = await DeclarationPersistenceTests.MigratedWithOfficeAsync(provider, postgres);
        var sms = await QueueAsync(database, 10);
        var emails = await QueueAsync(database, 5, OutboxChannel.Email);
        var senders = new RecordingSenders();

        var report = await Dispatcher(database, senders).DispatchAsync();

        Assert.Equal(new DispatchReport(15, 0, 0), report);
        Assert.Equal(sms.Concat(emails).Order(), senders.Sends.Keys.Order());
        Assert.All(senders.Sends.Values, n => Assert.Equal(1, n));
        var rows = await RowsAsync(database);
        Assert.All(rows, r => Assert.Equal((OutboxStatus.Sent, 1, T0, (Guid?)null), (r.Status, r.Attempts, r.SentAt!.Value, r.ClaimToken)));
        Assert.Equal(["Gateway"], rows.Where(r => r.Channel == OutboxChannel.Sms).Select(r => r.DeliveredVia).Distinct());
        Assert.Equal(["Smtp"], rows.Where(r => r.Channel == OutboxChannel.Email).Select(r => r.DeliveredVia).Distinct());
        Assert.Equal(new DispatchReport(0, 0, 0), await Dispatcher(database, senders).DispatchAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_dispatchers_at_once_send_each_message_once(string provider)
    {
        await using var database = await DeclarationPersistenceTests.MigratedWithOfficeAsync(provider, postgres);
        var ids = await QueueAsync(database, 120);
        var senders = new RecordingSenders { Delay = TimeSpan.FromMilliseconds(5) };

        var reports = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => Dispatcher(database, senders).DispatchAsync())));

        Assert.Equal(ids.Order(), senders.Sends.Keys.Order());
        Assert.All(senders.Sends, s => Assert.Equal(1, s.Value));
        Assert.Equal(120, reports.Sum(r => r.Sent));
        Assert.All(reports, r => Assert.True(r.Sent > 0, "both dispatchers took part"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_message_that_keeps_failing_is_retried_with_back_off_and_dead_lettered_after_the_last_attempt(string provider)
    {
        await using var database = await DeclarationPersistenceTests.MigratedWithOfficeAsync(provider, postgres);
        await QueueAsync(database, 1, OutboxChannel.Email);
        var senders = new RecordingSenders { Failure = () => new SocketException((int)SocketError.ConnectionRefused) };
        var dispatcher = Dispatcher(database, senders);

        Assert.Equal(new DispatchReport(0, 1, 0), await dispatcher.DispatchAsync());
        var first = Assert.Single(await RowsAsync(database));
        Assert.Equal((OutboxStatus.Pending, 1, T0 + TimeSpan.FromSeconds(30)), (first.Status, first.Attempts, first.NextAttemptAt));
        Assert.Equal("SocketException", first.LastError?.Split(' ')[0]);

        // Not due yet: nothing is tried.
        _clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(new DispatchReport(0, 0, 0), await dispatcher.DispatchAsync());
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(new DispatchReport(0, 1, 0), await dispatcher.DispatchAsync());
        var second = Assert.Single(await RowsAsync(database));
        Assert.Equal((2, _clock.GetUtcNow() + TimeSpan.FromSeconds(60)), (second.Attempts, second.NextAttemptAt));

        _clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(new DispatchReport(0, 0, 1), await dispatcher.DispatchAsync());
        var dead = Assert.Single(await RowsAsync(database));
        Assert.Equal((OutboxStatus.Dead, 3), (dead.Status, dead.Attempts));
        Assert.NotNull(dead.LastError);
        Assert.DoesNotContain("a@example.vn", dead.LastError);

        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(new DispatchReport(0, 0, 0), await dispatcher.DispatchAsync());
        Assert.Empty(senders.Sends);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_claim_left_by_a_killed_dispatcher_is_taken_over_after_the_timeout(string provider)
    {
        await using var database = await DeclarationPersistenceTests.MigratedWithOfficeAsync(provider, postgres);
        var ids = await QueueAsync(database, 3);
        await using (var db = database.NewContext())
        {
            // A dispatcher claims and dies before sending.
            var claimed = await OutboxClaims.ClaimAsync(db, [OutboxChannel.Sms], Guid.NewGuid(), _clock.GetUtcNow(), _options.ClaimTimeout, 10, default);
            Assert.Equal(ids.Order(), claimed.Order());
        }
        var senders = new RecordingSenders();

        _clock.Advance(_options.ClaimTimeout - TimeSpan.FromSeconds(1));
        Assert.Equal(0, (await Dispatcher(database, senders).DispatchAsync()).Sent);
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(3, (await Dispatcher(database, senders).DispatchAsync()).Sent);

        Assert.All(await RowsAsync(database), r => Assert.Equal((OutboxStatus.Sent, 2), (r.Status, r.Attempts)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Sms_stay_queued_where_no_gateway_is_configured(string provider)
    {
        await using var database = await DeclarationPersistenceTests.MigratedWithOfficeAsync(provider, postgres);
        await QueueAsync(database, 2);
        var email = await QueueAsync(database, 1, OutboxChannel.Email);
        var senders = new RecordingSenders { Route = global::Portal.Infrastructure.Delivery.SmsRoute.None };

        Assert.Equal(new DispatchReport(1, 0, 0), await Dispatcher(database, senders).DispatchAsync());

        Assert.Equal(email, senders.Sends.Keys);
        var rows = await RowsAsync(database);
        Assert.All(rows.Where(r => r.Channel == OutboxChannel.Sms), r => Assert.Equal((OutboxStatus.Pending, 0), (r.Status, r.Attempts)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_requeued_dead_message_is_sent_again(string provider)
    {
        await using var database = await DeclarationPersistenceTests.MigratedWithOfficeAsync(provider, postgres);
        var id = Assert.Single(await QueueAsync(database, 1));
        var senders = new RecordingSenders { Failure = () => new TimeoutException() };
        for (var i = 0; i < _options.MaxAttempts; i++)
        {
            await Dispatcher(database, senders).DispatchAsync();
            _clock.Advance(TimeSpan.FromHours(3));
        }
        Assert.Equal(OutboxStatus.Dead, Assert.Single(await RowsAsync(database)).Status);

        await using (var db = database.NewContext())
        {
            (await db.OutboxMessages.SingleAsync()).Requeue(_clock.GetUtcNow());
            await db.SaveChangesAsync();
        }
        senders.Failure = null;
        Assert.Equal(1, (await Dispatcher(database, senders).DispatchAsync()).Sent);

        Assert.Equal(1, senders.Sends[id]);
        Assert.Equal(OutboxStatus.Sent, Assert.Single(await RowsAsync(database)).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_account_messages_secret_is_erased_once_sent_and_it_cannot_be_sent_again(string provider)
    {
        await using var database = await DeclarationPersistenceTests.MigratedWithOfficeAsync(provider, postgres);
        Guid declarationMessage;
        await using (var db = database.NewContext())
        {
            var declaration = Declaration.Submit(DeclarationPersistenceTests.SampleContent(), new RecordNumber(2026, 1),
                DeclarationPersistenceTests.SamplePhotos("p"), "draft-1", new string('f', 64), T0);
            db.Declarations.Add(declaration);
            db.OutboxMessages.Add(new OutboxMessage(OutboxChannel.Sms, "0912345678", null, "Ten dang nhap: 0123456789, mat khau: Ab3defGh9k.", null, OutboxAttachment.None, T0));
            var kept = new OutboxMessage(OutboxChannel.Sms, "0912345678", null, declaration.SmsText.ToString(), declaration.Id, OutboxAttachment.None, T0);
            db.OutboxMessages.Add(kept);
            await db.SaveChangesAsync();
            declarationMessage = kept.Id;
        }

        Assert.Equal(2, (await Dispatcher(database, new RecordingSenders()).DispatchAsync()).Sent);

        var rows = await RowsAsync(database);
        var secret = Assert.Single(rows, r => r.DeclarationId is null);
        Assert.Equal(OutboxMessage.ErasedBody, secret.Body);
        Assert.False(secret.CanRequeue);
        Assert.Throws<InvalidOperationException>(() => secret.Requeue(T0));
        var declarationSms = Assert.Single(rows, r => r.Id == declarationMessage);
        Assert.StartsWith("BHXHVN da nhan duoc to khai", declarationSms.Body);
        Assert.True(declarationSms.CanRequeue);
    }

    [Fact]
    public void Retry_delays_double_from_the_first_and_stop_at_the_maximum()
    {
        var options = new OutboxOptions { FirstRetryDelay = TimeSpan.FromSeconds(30), MaxRetryDelay = TimeSpan.FromMinutes(10) };
        Assert.Equal(
            [30, 60, 120, 240, 480, 600, 600],
            Enumerable.Range(1, 7).Select(a => options.RetryDelay(a).TotalSeconds).ToArray());
    }
}
