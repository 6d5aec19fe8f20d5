using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Declarations;

namespace Portal.Infrastructure.Persistence.Configurations;

internal sealed class DeletionTombstoneConfiguration : IEntityTypeConfiguration<DeletionTombstone>
{
    public void Configure(EntityTypeBuilder<DeletionTombstone> builder)
    {
        builder.ToTable("DeletionTombstones");
        // A record number is deleted once, even when two purges race.
        builder.HasKey(t => t.RecordNumber);
        builder.Property(t => t.RecordNumber).HasMaxLength(20);
        builder.Property(t => t.OfficeCode).HasMaxLength(5);
        builder.Property(t => t.Reason).HasMaxLength(50);
    }
}
