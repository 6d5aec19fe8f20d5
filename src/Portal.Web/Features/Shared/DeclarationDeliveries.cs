using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Outbox;
using Portal.Infrastructure.Persistence;

namespace Portal.Web.Features.Shared;

/// <summary>What became of the SMS and the email that Ghi nhận queued for a declaration.</summary>
public static class DeclarationDeliveries
{
    public sealed record Messages(DeliveryText.Delivery? Sms, DeliveryText.Delivery? Email)
    {
        public static readonly Messages None = new(null, null);
    }

    /// <summary>The Ghi nhận messages of each declaration; a declaration without any is missing from the answer.</summary>
    public static async Task<IReadOnlyDictionary<Guid, Messages>> OfAsync(PortalDbContext db, IReadOnlyCollection<Guid> declarationIds,
        CancellationToken cancellationToken = default)
    {
        if (declarationIds.Count == 0) return new Dictionary<Guid, Messages>();
        var rows = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.DeclarationId != null && declarationIds.Contains(m.DeclarationId.Value))
            .OrderBy(m => m.CreatedAt)
            .Select(m => new { Id = m.DeclarationId!.Value, Delivery = new DeliveryText.Delivery(m.Channel, m.Status, m.SentAt, m.DeliveredVia) })
            .ToListAsync(cancellationToken);
        // The first of each channel is Ghi nhận's own; a reminder or a decision's notice comes later.
        return rows.GroupBy(r => r.Id, r => r.Delivery).ToDictionary(g => g.Key, g => new Messages(
            g.FirstOrDefault(m => m.Channel == OutboxChannel.Sms),
            g.FirstOrDefault(m => m.Channel == OutboxChannel.Email)));
    }

    public static async Task<Messages> OfAsync(PortalDbContext db, Guid declarationId, CancellationToken cancellationToken = default) =>
        (await OfAsync(db, [declarationId], cancellationToken)).GetValueOrDefault(declarationId, Messages.None);
}
