using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Offices;

namespace Portal.Infrastructure.Persistence.Configurations;

internal sealed class BhxhOfficeConfiguration : IEntityTypeConfiguration<BhxhOffice>
{
    public void Configure(EntityTypeBuilder<BhxhOffice> builder)
    {
        builder.ToTable("BhxhOffices");
        builder.HasKey(o => o.Code);
        builder.Property(o => o.Code).HasMaxLength(5);
        builder.Property(o => o.ParentCode).HasMaxLength(5);
        builder.Property(o => o.Name).HasMaxLength(BhxhOffice.MaxNameLength).IsRequired();
        builder.Property(o => o.Address).HasMaxLength(BhxhOffice.MaxAddressLength);
        builder.Property(o => o.Phone).HasMaxLength(11);
        builder.Property(o => o.Source).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.AdministrativeUnitCode).HasMaxLength(10);
        builder.Ignore(o => o.IsProvinceOffice);

        builder.HasOne<BhxhOffice>().WithMany().HasForeignKey(o => o.ParentCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(o => o.ParentCode);
    }
}
