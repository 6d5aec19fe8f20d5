using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Delivery;
using Portal.Infrastructure.Pdf;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Outbox;

/// <summary>Turns an email row of the outbox into the message that leaves, rendering its Mẫu 01 PDF at send time (no copy is kept).</summary>
public sealed class OutboxEmailComposer(IServiceScopeFactory scopes)
{
    public async Task<EmailMessage> ComposeAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var attachments = message.Attachment switch
        {
            OutboxAttachment.Mau01Pdf => [await Mau01PdfAsync(message.DeclarationId!.Value, cancellationToken)],
            _ => Array.Empty<EmailAttachment>(),
        };
        return new EmailMessage(message.Id, message.Recipient, message.Subject ?? "", message.Body, attachments);
    }

    private async Task<EmailAttachment> Mau01PdfAsync(Guid declarationId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var declaration = await db.Declarations.AsNoTracking().Include(d => d.Photos).SingleAsync(d => d.Id == declarationId, cancellationToken);
        var pdf = await scope.ServiceProvider.GetRequiredService<Mau01PdfService>().RenderAsync(declaration, cancellationToken);
        return new EmailAttachment(declaration.PdfFileName, "application/pdf", pdf);
    }
}
