using Microsoft.EntityFrameworkCore;
using Portal.Domain.Declarations;
using Portal.Domain.Offices;
using Portal.Infrastructure.Captcha;
using Portal.Infrastructure.Declarations;
using Portal.Infrastructure.Drafts;
using Portal.Infrastructure.Outbox;
using Portal.Infrastructure.Tests.Support;

namespace Portal.Infrastructure.Tests;

[Collection(DatabaseCollection.Name)]
public sealed class DeclarationPersistenceTests(PostgresServer postgres)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 8, 30, 0, TimeSpan.Zero);

    internal static DeclarationContent SampleContent(string officeCode = "00106") => new()
    {
        Kind = DeclarationKind.Individual,
        FullName = "Nguyễn Thị Hồng Nhung",
        MaSoBhxh = "0123456789",
        IdentityNumber = "001190012345",
        Address = new PostalAddress("gso", "01", "009", "00343", "Số 12 ngõ 34 phố Nguyễn Trãi",
            "Số 12 ngõ 34 phố Nguyễn Trãi, Phường Nhân Chính, Quận Thanh Xuân, Thành phố Hà Nội"),
        ContactPerson = "Nguyễn Văn Bình",
        Email = "nhung@example.vn",
        MobilePhone = "0912345678",
        UseFrom = new DateOnly(2026, 12, 1),
        Channel = TransactionChannel.Ivan,
        IvanName = "Công ty Cổ phần I-VAN Việt",
        OfficeCode = officeCode,
        SubmissionMethod = SubmissionMethod.ByPost,
        SendEmail = true,
    };

    internal static IEnumerable<DeclarationPhoto> SamplePhotos(string prefix) =>
    [
        new(PhotoKind.Portrait, $"{prefix}-p", PhotoFormat.Jpeg, 600, 800, 70_000, new string('a', 64)),
        new(PhotoKind.IdFront, $"{prefix}-f", PhotoFormat.Png, 1000, 630, 120_000, new string('b', 64)),
        new(PhotoKind.IdBack, $"{prefix}-b", PhotoFormat.Jpeg, 1000, 630, 110_000, new string('c', 64)),
    ];

    /// <summary>A migrated database holding BHXH Tp. Hà Nội and BHXH Quận Đống Đa, for declarations to name.</summary>
    internal static async Task<TestDatabase> MigratedWithOfficeAsync(string provider, PostgresServer postgres)
    {
        var database = await TestDatabase.CreateAsync(provider, postgres);
        await database.MigrateAsync();
        await using var db = database.NewContext();
        db.BhxhOffices.Add(BhxhOffice.ForProvince("001", "BHXH Tp. Hà Nội", OfficeSource.Seed));
        await db.SaveChangesAsync();
        db.BhxhOffices.Add(BhxhOffice.ForDistrict("00106", "BHXH Quận Đống Đa", "001", OfficeSource.Seed));
        await db.SaveChangesAsync();
        return database;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_declaration_with_its_photos_round_trips(string provider)
    {
        await using var database = await MigratedWithOfficeAsync(provider, postgres);
        var declaration = Declaration.Submit(SampleContent(), new RecordNumber(2026, 107), SamplePhotos("k1"), "draft-1", new string('f', 64), Now);
        await using (var db = database.NewContext())
        {
            db.Declarations.Add(declaration);
            await db.SaveChangesAsync();
        }

        await using (var db = database.NewContext())
        {
            var stored = await db.Declarations.Include(d => d.Photos).SingleAsync(d => d.RecordNumber == Portal.Domain.Declarations.RecordNumber.Parse("GD/2026/00107"));
            var expected = SampleContent();
            Assert.Equal((2026, 107, DeclarationKind.Individual, DeclarationStatus.Submitted), (stored.RecordYear, stored.RecordSequence, stored.Kind, stored.Status));
            Assert.Equal(Now, stored.CreatedAt);
            Assert.Equal(Now.AddDays(10), stored.ExpiresAt);
            Assert.Equal((expected.FullName, expected.MaSoBhxh, expected.IdentityNumber), (stored.FullName, stored.MaSoBhxh, stored.IdentityNumber));
            Assert.Equal(expected.Address, stored.Address);
            Assert.Equal((expected.ContactPerson, expected.Email, expected.MobilePhone, expected.UseFrom), (stored.ContactPerson, stored.Email, stored.MobilePhone, stored.UseFrom));
            Assert.Equal((TransactionChannel.Ivan, expected.IvanName, "00106", SubmissionMethod.ByPost, true), (stored.Channel, stored.IvanName, stored.OfficeCode, stored.SubmissionMethod, stored.SendEmail));
            Assert.Equal(("draft-1", new string('f', 64)), (stored.IdempotencyKey, stored.SubmitterTokenHash));
            Assert.Equal([PhotoKind.Portrait, PhotoKind.IdFront, PhotoKind.IdBack], stored.Photos.Select(p => p.Kind).Order());
            var front = stored.Photos.Single(p => p.Kind == PhotoKind.IdFront);
            Assert.Equal(("k1-f", PhotoFormat.Png, 1000, 630, 120_000L), (front.StorageKey, front.Format, front.Width, front.Height, front.SizeBytes));

            stored.MarkReceived(Now.AddDays(2));
            await db.SaveChangesAsync();
        }

        await using (var db = database.NewContext())
        {
            var cutoff = Now.AddDays(1);
            Assert.Equal(1, await db.Declarations.CountAsync(d => d.ReceivedAt > cutoff && d.Status == DeclarationStatus.Received));
            Assert.Equal(0, await db.Declarations.CountAsync(d => d.CreatedAt > cutoff));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Outbox_drafts_and_captcha_challenges_round_trip(string provider)
    {
        await using var database = await MigratedWithOfficeAsync(provider, postgres);
        var declarationId = Guid.NewGuid();
        var sms = new OutboxMessage(OutboxChannel.Sms, "0912345678", null, "BHXHVN da nhan duoc to khai", declarationId, OutboxAttachment.None, Now);
        var email = new OutboxMessage(OutboxChannel.Email, "nhung@example.vn", "Tờ khai Mẫu 01", "Kính gửi…", declarationId, OutboxAttachment.Mau01Pdf, Now);
        var draft = new Draft(new string('d', 64), DeclarationKind.Child, Now);
        draft.Save("{\"FullName\":\"Lê Minh Khôi\"}", Now.AddMinutes(3));
        draft.MarkSubmitted(declarationId);
        var challenge = new CaptchaChallenge(new string('e', 64), Now);
        await using (var db = database.NewContext())
        {
            db.AddRange(sms, email, draft, challenge);
            await db.SaveChangesAsync();
        }

        await using (var db = database.NewContext())
        {
            var messages = await db.OutboxMessages.Where(m => m.DeclarationId == declarationId).OrderBy(m => m.Channel).ToListAsync();
            Assert.Equal([OutboxChannel.Email, OutboxChannel.Sms], messages.Select(m => m.Channel));
            Assert.Equal(("nhung@example.vn", "Tờ khai Mẫu 01", OutboxAttachment.Mau01Pdf, OutboxStatus.Pending), (messages[0].Recipient, messages[0].Subject, messages[0].Attachment, messages[0].Status));
            var storedDraft = await db.Drafts.SingleAsync(d => d.TokenHash == new string('d', 64));
            Assert.Equal((DeclarationKind.Child, "{\"FullName\":\"Lê Minh Khôi\"}", declarationId), (storedDraft.Kind, storedDraft.FormJson, storedDraft.DeclarationId));
            Assert.Equal(Now.AddMinutes(3) + Draft.Lifetime, storedDraft.ExpiresAt);
            var storedChallenge = await db.CaptchaChallenges.SingleAsync(c => c.Id == challenge.Id);
            Assert.Equal((new string('e', 64), Now.AddMinutes(5), (DateTimeOffset?)null), (storedChallenge.CodeHash, storedChallenge.ExpiresAt, storedChallenge.UsedAt));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Concurrent_allocations_give_unique_consecutive_record_numbers(string provider)
    {
        await using var database = await MigratedWithOfficeAsync(provider, postgres);
        const int submissions = 40;

        var numbers = await Task.WhenAll(Enumerable.Range(0, submissions).Select(_ => Task.Run(async () =>
        {
            await using var db = database.NewContext();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var number = await RecordNumberAllocator.NextAsync(db, 2026);
            await transaction.CommitAsync();
            return number;
        })));

        Assert.Equal(Enumerable.Range(1, submissions), numbers.Select(n => n.Sequence).Order());
        Assert.All(numbers, n => Assert.Equal(2026, n.Year));
        await using var check = database.NewContext();
        await using (var tx = await check.Database.BeginTransactionAsync())
            Assert.Equal(new RecordNumber(2027, 1), await RecordNumberAllocator.NextAsync(check, 2027));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_second_declaration_from_the_same_draft_is_refused_by_the_database(string provider)
    {
        await using var database = await MigratedWithOfficeAsync(provider, postgres);
        await using var db = database.NewContext();
        db.Declarations.Add(Declaration.Submit(SampleContent(), new RecordNumber(2026, 1), SamplePhotos("a"), "same-draft", new string('f', 64), Now));
        await db.SaveChangesAsync();
        db.Declarations.Add(Declaration.Submit(SampleContent(), new RecordNumber(2026, 2), SamplePhotos("b"), "same-draft", new string('f', 64), Now));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }
}
