using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Infrastructure.Declarations;

namespace Portal.Infrastructure.Persistence.Configurations;

internal sealed class RecordSequenceConfiguration : IEntityTypeConfiguration<RecordSequence>
{
    public void Configure(EntityTypeBuilder<RecordSequence> builder)
    {
        builder.ToTable("RecordSequences");
        builder.HasKey(s => s.Year);
        builder.Property(s => s.Year).ValueGeneratedNever();
    }
}
