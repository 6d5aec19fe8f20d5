using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Infrastructure.Drafts;

namespace Portal.Infrastructure.Persistence.Configurations;

internal sealed class DraftConfiguration : IEntityTypeConfiguration<Draft>
{
    public void Configure(EntityTypeBuilder<Draft> builder)
    {
        builder.ToTable("Drafts");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).HasMaxLength(32);
        builder.Property(d => d.TokenHash).HasMaxLength(64);
        builder.HasIndex(d => d.TokenHash).IsUnique();
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.FormJson);
        builder.HasIndex(d => d.ExpiresAt);
        // The purge deletes a declaration's draft with it.
        builder.HasIndex(d => d.DeclarationId);
    }
}
