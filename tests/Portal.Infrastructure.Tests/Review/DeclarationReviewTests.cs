using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Declarations;
using Portal.Domain.Offices;
using Portal.Infrastructure.Accounts;
using Portal.Infrastructure.Outbox;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Review;
using Portal.Infrastructure.Tests.Support;

namespace Portal.Infrastructure.Tests.Review;

[Collection(DatabaseCollection.Name)]
public sealed class DeclarationReviewTests(PostgresServer postgres) : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("portal-review-").FullName;
    private static readonly DateTimeOffset Created = DateTimeOffset.UtcNow.AddDays(-1);

    private async Task<(TestDatabase Database, ServiceProvider Services)> SetUpAsync(string provider)
    {
        var database = await DeclarationPersistenceTests.MigratedWithOfficeAsync(provider, postgres);
        await using (var db = database.NewContext())
        {
            await AccountSeeder.SeedRolesAsync(db, TimeProvider.System);
            db.BhxhOffices.Add(BhxhOffice.ForDistrict("00101", "BHXH Quận Ba Đình", "001", OfficeSource.Seed));
            db.BhxhOffices.Add(BhxhOffice.ForProvince("079", "BHXH Tp.Hồ Chí Minh", OfficeSource.Seed));
            await db.SaveChangesAsync();
            db.BhxhOffices.Add(BhxhOffice.ForDistrict("07919", "BHXH Quận 7", "079", OfficeSource.Seed));
            await db.SaveChangesAsync();
        }
        return (database, InfrastructureServices.For(database, _dataDirectory));
    }

    private static async Task<Declaration> SeedAsync(TestDatabase database, int sequence, string officeCode = "00106", DeclarationContent? content = null)
    {
        await using var db = database.NewContext();
        var declaration = Declaration.Submit(content ?? DeclarationPersistenceTests.SampleContent(officeCode), new RecordNumber(2026, sequence),
            DeclarationPersistenceTests.SamplePhotos($"p{sequence}"), $"draft-{sequence}", new string('f', 64), Created);
        db.Declarations.Add(declaration);
        await db.SaveChangesAsync();
        return declaration;
    }

    private static StaffScope Staff(params string[] offices) => new(Guid.NewGuid(), "canbo.thu", offices.ToHashSet());

    private static async Task<T> InScopeAsync<T>(ServiceProvider services, Func<DeclarationReview, Task<T>> act)
    {
        await using var scope = services.CreateAsyncScope();
        return await act(scope.ServiceProvider.GetRequiredService<DeclarationReview>());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Received_then_accepted_creates_the_account_with_a_first_password_by_sms_and_email_and_records_who_and_when(string provider)
    {
        var (database, services) = await SetUpAsync(provider);
        await using var _ = database;
        await using var __ = services;
        var declaration = await SeedAsync(database, 1);
        var staff = Staff("00106");

        Assert.Equal(ReviewOutcome.NotAllowed, await InScopeAsync(services, r => r.AcceptAsync(declaration.Id, staff, DeclarationStatus.Submitted)));
        Assert.Equal(ReviewOutcome.Done, await InScopeAsync(services, r => r.MarkReceivedAsync(declaration.Id, staff, DeclarationStatus.Submitted)));
        Assert.Equal(ReviewOutcome.NotAllowed, await InScopeAsync(services, r => r.MarkReceivedAsync(declaration.Id, staff, DeclarationStatus.Received)));
        Assert.Equal(ReviewOutcome.Done, await InScopeAsync(services, r => r.AcceptAsync(declaration.Id, staff, DeclarationStatus.Received)));

        await using var db = database.NewContext();
        var stored = await db.Declarations.SingleAsync();
        Assert.Equal(DeclarationStatus.Accepted, stored.Status);
        var events = await db.DeclarationEvents.OrderBy(e => e.At).ThenBy(e => e.Kind).ToListAsync();
        Assert.Equal([DeclarationEventKind.Received, DeclarationEventKind.Accepted], events.Select(e => e.Kind).ToArray());
        Assert.All(events, e => Assert.Equal((staff.UserId, "canbo.thu"), (e.ByUserId, e.ByUserName)));
        var user = await db.Users.SingleAsync();
        Assert.Equal(("0123456789", "Nguyễn Thị Hồng Nhung", "0912345678", "nhung@example.vn", "001190012345", true),
            (user.UserName, user.FullName, user.PhoneNumber, user.Email, user.IdentityNumber, user.MustChangePassword));
        var messages = await db.OutboxMessages.Where(m => m.DeclarationId == null).ToListAsync();
        Assert.Contains(messages, m => m.Channel == OutboxChannel.Sms && m.Recipient == "0912345678" && m.Body.Contains("Ten dang nhap: 0123456789"));
        Assert.Contains(messages, m => m.Channel == OutboxChannel.Email && m.Recipient == "nhung@example.vn" && m.Body.Contains("Mật khẩu lần đầu: "));
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        Assert.Equal([PortalRoles.Citizen], await users.GetRolesAsync(user));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_childs_account_has_the_childs_ma_so_and_the_guardians_contacts(string provider)
    {
        var (database, services) = await SetUpAsync(provider);
        await using var _ = database;
        await using var __ = services;
        var child = DeclarationPersistenceTests.SampleContent() with
        {
            Kind = DeclarationKind.Child, FullName = "Lê Minh Khôi", MaSoBhxh = "0111222333", IdentityNumber = null, GuardianMaSoBhxh = "0123456789",
            GuardianIdentityNumber = "001190012345", GuardianName = "Lê Thị Hoa", ContactPerson = null, Channel = TransactionChannel.BhxhPortal,
            IvanName = null, MobilePhone = "0987654321", Email = "hoa@example.vn",
        };
        await using (var db = database.NewContext())
        {
            db.Declarations.Add(Declaration.Submit(child, new RecordNumber(2026, 1),
                [new(PhotoKind.Portrait, "k1", PhotoFormat.Jpeg, 600, 800, 1, new string('a', 64)), new(PhotoKind.BirthCertificate, "k2", PhotoFormat.Jpeg, 600, 800, 1, new string('a', 64))],
                "draft-1", new string('f', 64), Created));
            await db.SaveChangesAsync();
        }
        var id = (await RowsAsync(database)).Single().Id;
        var staff = Staff("00106");

        await InScopeAsync(services, r => r.MarkReceivedAsync(id, staff, DeclarationStatus.Submitted));
        Assert.Equal(ReviewOutcome.Done, await InScopeAsync(services, r => r.AcceptAsync(id, staff, DeclarationStatus.Received)));

        await using var check = database.NewContext();
        var user = await check.Users.SingleAsync();
        Assert.Equal(("0111222333", "Lê Minh Khôi", "0987654321", "hoa@example.vn", (string?)null), (user.UserName, user.FullName, user.PhoneNumber, user.Email, user.IdentityNumber));
        Assert.Contains(await check.OutboxMessages.ToListAsync(), m => m.Channel == OutboxChannel.Sms && m.Recipient == "0987654321" && m.Body.Contains("Ten dang nhap: 0111222333"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_rejection_needs_a_reason_and_sends_it_in_the_notice(string provider)
    {
        var (database, services) = await SetUpAsync(provider);
        await using var _ = database;
        await using var __ = services;
        var declaration = await SeedAsync(database, 1);
        var staff = Staff("00106");
        await InScopeAsync(services, r => r.MarkReceivedAsync(declaration.Id, staff, DeclarationStatus.Submitted));

        Assert.Equal(ReviewOutcome.NotAllowed, await InScopeAsync(services, r => r.RejectAsync(declaration.Id, staff, DeclarationStatus.Received, "  ")));
        Assert.Equal(ReviewOutcome.Done, await InScopeAsync(services, r => r.RejectAsync(declaration.Id, staff, DeclarationStatus.Received, "Ảnh CCCD không rõ nét")));
        Assert.Equal(ReviewOutcome.NotAllowed, await InScopeAsync(services, r => r.AcceptAsync(declaration.Id, staff, DeclarationStatus.Rejected)));

        await using var db = database.NewContext();
        Assert.Equal((DeclarationStatus.Rejected, "Ảnh CCCD không rõ nét"), await db.Declarations.Select(d => new ValueTuple<DeclarationStatus, string?>(d.Status, d.RejectionReason)).SingleAsync());
        var notices = await db.OutboxMessages.Where(m => m.DeclarationId == declaration.Id).ToListAsync();
        Assert.Contains(notices, m => m.Channel == OutboxChannel.Sms && m.Body.Contains("khong duoc chap thuan. Ly do: Anh CCCD khong ro net."));
        Assert.Contains(notices, m => m.Channel == OutboxChannel.Email && m.Body.Contains("Lý do: Ảnh CCCD không rõ nét"));
        Assert.Equal("Ảnh CCCD không rõ nét", (await db.DeclarationEvents.SingleAsync(e => e.Kind == DeclarationEventKind.Rejected)).Note);
        Assert.Empty(await db.Users.ToListAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_staff_accepting_at_once_make_one_transition_one_account_and_a_clear_answer_for_the_other(string provider)
    {
        var (database, services) = await SetUpAsync(provider);
        await using var _ = database;
        await using var __ = services;
        var declaration = await SeedAsync(database, 1);
        await InScopeAsync(services, r => r.MarkReceivedAsync(declaration.Id, Staff("00106"), DeclarationStatus.Submitted));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => InScopeAsync(services, r => r.AcceptAsync(declaration.Id, Staff("00106"), DeclarationStatus.Received)))));

        Assert.Equal([ReviewOutcome.Done, ReviewOutcome.ChangedMeanwhile], outcomes.Order().ToArray());
        await using var db = database.NewContext();
        Assert.Equal(1, await db.Users.CountAsync());
        Assert.Equal(1, await db.DeclarationEvents.CountAsync(e => e.Kind == DeclarationEventKind.Accepted));
        Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.Channel == OutboxChannel.Sms && m.DeclarationId == null));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Acting_on_a_status_that_has_moved_on_since_the_page_showed_it_is_changed_meanwhile_and_changes_nothing(string provider)
    {
        var (database, services) = await SetUpAsync(provider);
        await using var _ = database;
        await using var __ = services;
        var declaration = await SeedAsync(database, 1);
        Assert.Equal(ReviewOutcome.Done, await InScopeAsync(services, r => r.MarkReceivedAsync(declaration.Id, Staff("00106"), DeclarationStatus.Submitted)));

        // A second staff member whose page still shows Chờ tiếp nhận: rejecting would be allowed, but not on what they saw.
        var late = Staff("00106");
        Assert.Equal(ReviewOutcome.ChangedMeanwhile, await InScopeAsync(services, r => r.RejectAsync(declaration.Id, late, DeclarationStatus.Submitted, "Thiếu ảnh")));
        Assert.Equal(ReviewOutcome.ChangedMeanwhile, await InScopeAsync(services, r => r.MarkReceivedAsync(declaration.Id, late, DeclarationStatus.Submitted)));

        await using var db = database.NewContext();
        Assert.Equal(DeclarationStatus.Received, (await db.Declarations.SingleAsync()).Status);
        Assert.Equal(DeclarationEventKind.Received, (await db.DeclarationEvents.SingleAsync()).Kind);
        Assert.Empty(await db.OutboxMessages.Where(m => m.DeclarationId == declaration.Id && m.Body.Contains("Thiếu ảnh")).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Staff_of_another_office_find_nothing_and_change_nothing_province_staff_cover_their_districts(string provider)
    {
        var (database, services) = await SetUpAsync(provider);
        await using var _ = database;
        await using var __ = services;
        var dongDa = await SeedAsync(database, 1, "00106");
        var quan7 = await SeedAsync(database, 2, "07919");
        await using var offices = database.NewContext();
        var tree = new OfficeTree(await offices.BhxhOffices.ToListAsync());
        var hanoi = StaffScope.Of(new PortalUser("canbo.hanoi", "Phạm Thu Hà", null, null, "001", DateTimeOffset.UtcNow), [PortalRoles.ProvinceStaff], tree)!;
        var baDinh = StaffScope.Of(new PortalUser("canbo.badinh", "A", null, null, "00101", DateTimeOffset.UtcNow), [PortalRoles.OfficeStaff], tree)!;
        var admin = StaffScope.Of(new PortalUser("quantri", "Q", null, null, null, DateTimeOffset.UtcNow), [PortalRoles.Admin], tree)!;

        Assert.Equal(["001", "00101", "00106"], hanoi.OfficeCodes!.Order());
        Assert.Null(StaffScope.Of(new PortalUser("0123456789", "C", null, null, null, DateTimeOffset.UtcNow), [PortalRoles.Citizen], tree));
        Assert.Null(await InScopeAsync(services, r => r.FindAsync(dongDa.Id, baDinh)));
        Assert.Equal(ReviewOutcome.NotFound, await InScopeAsync(services, r => r.MarkReceivedAsync(dongDa.Id, baDinh, DeclarationStatus.Submitted)));
        Assert.NotNull(await InScopeAsync(services, r => r.FindAsync(dongDa.Id, hanoi)));
        Assert.Null(await InScopeAsync(services, r => r.FindAsync(quan7.Id, hanoi)));
        Assert.NotNull(await InScopeAsync(services, r => r.FindAsync(quan7.Id, admin)));
        Assert.Equal(ReviewOutcome.NotFound, await InScopeAsync(services, r => r.MarkReceivedAsync(Guid.NewGuid(), admin, DeclarationStatus.Submitted)));
        Assert.Equal(DeclarationStatus.Submitted, (await RowsAsync(database)).Single(d => d.Id == dongDa.Id).Status);
    }

    private static async Task<List<Declaration>> RowsAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return await db.Declarations.AsNoTracking().ToListAsync();
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);
}
