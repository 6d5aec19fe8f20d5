using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.AdministrativeUnits;

namespace Portal.Infrastructure.Persistence.Configurations;

internal sealed class AdministrativeUnitConfiguration : IEntityTypeConfiguration<AdministrativeUnit>
{
    public void Configure(EntityTypeBuilder<AdministrativeUnit> builder)
    {
        builder.ToTable("AdministrativeUnits");
        builder.HasKey(u => new { u.SchemeCode, u.Code });
        builder.Property(u => u.SchemeCode).HasMaxLength(20);
        builder.Property(u => u.Code).HasMaxLength(AdministrativeUnit.MaxCodeLength);
        builder.Property(u => u.ParentCode).HasMaxLength(AdministrativeUnit.MaxCodeLength);
        builder.Property(u => u.Name).HasMaxLength(AdministrativeUnit.MaxNameLength).IsRequired();
        builder.Property(u => u.Kind).HasMaxLength(30).IsRequired();
        builder.Ignore(u => u.DisplayName);

        builder.HasOne<AdministrativeScheme>().WithMany().HasForeignKey(u => u.SchemeCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AdministrativeUnit>().WithMany()
            .HasForeignKey(u => new { u.SchemeCode, u.ParentCode })
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => new { u.SchemeCode, u.ParentCode });
    }
}
