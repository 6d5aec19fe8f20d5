using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Declarations;

namespace Portal.Infrastructure.Persistence.Configurations;

internal sealed class DeclarationPhotoConfiguration : IEntityTypeConfiguration<DeclarationPhoto>
{
    public void Configure(EntityTypeBuilder<DeclarationPhoto> builder)
    {
        builder.ToTable("DeclarationPhotos");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedOnAdd();
        builder.Property<Guid>("DeclarationId");
        builder.HasIndex("DeclarationId", nameof(DeclarationPhoto.Kind)).IsUnique();
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Format).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.StorageKey).HasMaxLength(100);
        builder.HasIndex(p => p.StorageKey).IsUnique();
        builder.Property(p => p.Sha256).HasMaxLength(64);
        builder.Ignore(p => p.ContentType);
    }
}
