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
            .OnDelete(DeleteBehavior.Restrict)
            // EF's name for this key has 64 characters; PostgreSQL keeps 63 (EF would end it in "~"). This is the name
            // PostgreSQL gave it in the databases made before the migrations were generated, on every provider.
            .HasConstraintName("FK_AdministrativeUnits_AdministrativeUnits_SchemeCode_ParentCod");
        builder.HasIndex(u => new { u.SchemeCode, u.ParentCode });
    }
}
