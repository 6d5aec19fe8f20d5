using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.AdministrativeUnits;

namespace Portal.Infrastructure.Persistence.Configurations;

internal sealed class AdministrativeSchemeConfiguration : IEntityTypeConfiguration<AdministrativeScheme>
{
    public void Configure(EntityTypeBuilder<AdministrativeScheme> builder)
    {
        builder.ToTable("AdministrativeSchemes");
        builder.HasKey(s => s.Code);
        builder.Property(s => s.Code).HasMaxLength(20);
        builder.Property(s => s.Name).HasMaxLength(200).IsRequired();
    }
}
