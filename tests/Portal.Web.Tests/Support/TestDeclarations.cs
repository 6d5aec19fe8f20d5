using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Declarations;
using Portal.Infrastructure.Files;
using Portal.Infrastructure.Outbox;
using Portal.Infrastructure.Persistence;

namespace Portal.Web.Tests.Support;

/// <summary>Declarations written straight into the database, as Ghi nhận leaves them, with photo files the PDF can render.</summary>
public static class TestDeclarations
{
    private static readonly PostalAddress Address = new("gso", "01", "009", "00343", "Số 12 ngõ 34 phố Nguyễn Trãi",
        "Số 12 ngõ 34 phố Nguyễn Trãi, Phường Nhân Chính, Quận Thanh Xuân, Thành phố Hà Nội");

    public static DeclarationContent Individual(string maSoBhxh, string fullName = "Phạm Văn Long") => new()
    {
        Kind = DeclarationKind.Individual,
        FullName = fullName,
        MaSoBhxh = maSoBhxh,
        IdentityNumber = "001190054321",
        Address = Address,
        ContactPerson = fullName,
        MobilePhone = "0912000111",
        OfficeCode = "00106",
        SubmissionMethod = SubmissionMethod.AtOffice,
    };

    public static DeclarationContent Child(string guardianMaSoBhxh, string childName, string childMaSoBhxh, string? email = null) => new()
    {
        Kind = DeclarationKind.Child,
        FullName = childName,
        MaSoBhxh = childMaSoBhxh,
        GuardianMaSoBhxh = guardianMaSoBhxh,
        GuardianIdentityNumber = "001190012345",
        Address = Address,
        Email = email,
        MobilePhone = "0912345678",
        OfficeCode = "00101",
        SubmissionMethod = SubmissionMethod.AtOffice,
        SendEmail = email is not null,
    };

    /// <summary>Each kind's photo file (in <c>Fixtures/photos</c>), as the photo inspector would have recorded it.</summary>
    public static readonly IReadOnlyDictionary<PhotoKind, (string File, PhotoFormat Format, int Width, int Height)> PhotoFixtures =
        new Dictionary<PhotoKind, (string, PhotoFormat, int, int)>
        {
            [PhotoKind.Portrait] = ("portrait.jpg", PhotoFormat.Jpeg, 600, 800),
            [PhotoKind.IdFront] = ("id-front.jpg", PhotoFormat.Jpeg, 1000, 630),
            [PhotoKind.IdBack] = ("id-back.jpg", PhotoFormat.Jpeg, 1000, 630),
            [PhotoKind.BirthCertificate] = ("birth-certificate.png", PhotoFormat.Png, 800, 1100),
        };

    /// <summary>
    /// Submits <paramref name="content"/> at <paramref name="at"/> with its SMS (and email) queued, then lets
    /// <paramref name="afterwards"/> move it on (received, rejected …) in the same save.
    /// </summary>
    public static async Task<Declaration> SeedAsync(PortalApp app, DeclarationContent content, DateTimeOffset at, Action<Declaration>? afterwards = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var store = scope.ServiceProvider.GetRequiredService<PhotoStore>();
        var photos = new List<DeclarationPhoto>();
        foreach (var kind in Labels.PhotosOf(content.Kind))
        {
            var (file, format, width, height) = PhotoFixtures[kind];
            var bytes = await File.ReadAllBytesAsync(Mau01Client.Fixture(file));
            photos.Add(new DeclarationPhoto(kind, await store.SaveAsync(bytes), format, width, height, bytes.Length, new string('a', 64)));
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var number = await RecordNumberAllocator.NextAsync(db, VietnamTime.ToLocal(at).Year);
        var declaration = Declaration.Submit(content, number, photos, Guid.NewGuid().ToString("N"), new string('0', 64), at);
        afterwards?.Invoke(declaration);
        db.Declarations.Add(declaration);
        db.OutboxMessages.Add(new OutboxMessage(OutboxChannel.Sms, declaration.MobilePhone, null, declaration.SmsText.ToString(),
            declaration.Id, OutboxAttachment.None, at));
        if (declaration.SendEmail)
            db.OutboxMessages.Add(new OutboxMessage(OutboxChannel.Email, declaration.Email!, "Tờ khai", "Tờ khai đính kèm.",
                declaration.Id, OutboxAttachment.Mau01Pdf, at));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return declaration;
    }

    /// <summary>Records what the dispatcher would have: the declaration's message on <paramref name="channel"/> sent, or dead when <paramref name="via"/> is null.</summary>
    public static async Task SetDeliveryAsync(PortalApp app, Guid declarationId, OutboxChannel channel, string? via, DateTimeOffset at)
    {
        var status = via is null ? OutboxStatus.Dead : OutboxStatus.Sent;
        DateTimeOffset? sentAt = via is null ? null : at;
        await using var scope = app.Services.CreateAsyncScope();
        var updated = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().OutboxMessages
            .Where(m => m.DeclarationId == declarationId && m.Channel == channel)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, status)
                .SetProperty(m => m.SentAt, sentAt)
                .SetProperty(m => m.DeliveredVia, via)
                .SetProperty(m => m.Attempts, 1));
        Assert.Equal(1, updated);
    }

    /// <summary>The one individual declaration of <paramref name="maSoBhxh"/> (in <paramref name="status"/> when given).</summary>
    public static async Task<Declaration> FindAsync(PortalApp app, string maSoBhxh, DeclarationStatus? status = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Declarations.AsNoTracking()
            .SingleAsync(d => d.Kind == DeclarationKind.Individual && d.MaSoBhxh == maSoBhxh && (status == null || d.Status == status));
    }
}
