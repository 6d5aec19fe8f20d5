using Microsoft.EntityFrameworkCore;
using Portal.Domain;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Outbox;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Purge;

/// <summary>The reminder 3 days before deletion: an SMS, and an email where there is an address.</summary>
internal sealed class ExpiryReminder(PortalDbContext db, TimeProvider clock, PurgeOptions options, PurgeProgress progress, PurgeRunRecorder recorder)
{
    public async Task SendAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var warnFrom = now - (Declaration.HandInPeriod - Declaration.WarningBeforeDeletion);
        var deleteFrom = now - Declaration.HandInPeriod;
        while (true)
        {
            // Declarations about to be deleted in this run get no reminder.
            var batch = await db.Declarations.AsNoTracking()
                .Where(d => d.Status == DeclarationStatus.Submitted && d.WarningSentAt == null && d.CreatedAt < warnFrom && d.CreatedAt >= deleteFrom)
                .OrderBy(d => d.CreatedAt)
                .Take(options.BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0) return;
            var officeCodes = batch.Select(d => d.OfficeCode).Distinct().ToList();
            var offices = await db.BhxhOffices.AsNoTracking().Where(o => officeCodes.Contains(o.Code))
                .ToDictionaryAsync(o => o.Code, o => o.Name, cancellationToken);

            var claimed = 0;
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                foreach (var declaration in batch)
                {
                    declaration.MarkExpiryWarningSent(now);
                    // Claims the reminder: 0 rows when another purge sent it or staff received the form meanwhile.
                    var updated = await db.Declarations
                        .Where(d => d.Id == declaration.Id && d.Status == DeclarationStatus.Submitted && d.WarningSentAt == null)
                        .ExecuteUpdateAsync(s => s.SetProperty(d => d.WarningSentAt, now), cancellationToken);
                    if (updated == 0) continue;
                    claimed++;
                    var officeName = offices.GetValueOrDefault(declaration.OfficeCode, declaration.OfficeCode);
                    var deadline = VietnamTime.Today(declaration.ExpiresAt);
                    db.OutboxMessages.Add(new OutboxMessage(OutboxChannel.Sms, declaration.MobilePhone, null,
                        new ExpiryWarningSms(declaration.RecordNumber.ToString(), officeName, deadline).ToString(), declaration.Id, OutboxAttachment.None, now));
                    if (declaration.Email is not null)
                        db.OutboxMessages.Add(WarningEmail(declaration, officeName, deadline, now));
                }
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            db.ChangeTracker.Clear();
            progress.WarningsSent += claimed;
            await recorder.ReportProgressAsync(cancellationToken);
        }
    }

    private static OutboxMessage WarningEmail(Declaration declaration, string officeName, DateOnly deadline, DateTimeOffset now) => new(
        OutboxChannel.Email,
        declaration.Email!,
        $"Nhắc nộp tờ khai đăng ký giao dịch điện tử – hồ sơ {declaration.RecordNumber}",
        $"""
        Kính gửi {declaration.FullName},

        Tờ khai đăng ký giao dịch điện tử số hồ sơ {declaration.RecordNumber} chưa được nộp tại cơ quan BHXH.
        Vui lòng in, ký tờ khai Mẫu 01 và nộp tại {officeName} chậm nhất ngày {deadline:dd/MM/yyyy}, mang theo CMND/thẻ Căn cước công dân/hộ chiếu để xác minh thông tin. Quá thời hạn này, tờ khai điện tử sẽ tự động bị xóa.

        Liên hệ tổng đài 1900 9068 để được hỗ trợ.
        """,
        declaration.Id,
        OutboxAttachment.None,
        now);
}
