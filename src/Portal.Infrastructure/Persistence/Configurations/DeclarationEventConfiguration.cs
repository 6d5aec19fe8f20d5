using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Infrastructure.Review;

namespace Portal.Infrastructure.Persistence.Configurations;

internal sealed class DeclarationEventConfiguration : IEntityTypeConfiguration<DeclarationEvent>
{
    public void Configure(EntityTypeBuilder<DeclarationEvent> builder)
    {
        builder.ToTable("DeclarationEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(10);
        builder.Property(e => e.ByUserName).HasMaxLength(256);
        builder.Property(e => e.Note).HasMaxLength(DeclarationEvent.MaxNoteLength);
        // No foreign key: on PostgreSQL its trigger would cost the purge a query per deleted declaration (see
        // PurgeDeletesPhotoRows). Only views can precede a purge, and a view names no person.
        builder.HasIndex(e => new { e.DeclarationId, e.At });
    }
}
