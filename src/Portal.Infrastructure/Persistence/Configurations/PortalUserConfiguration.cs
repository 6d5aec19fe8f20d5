using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Offices;
using Portal.Infrastructure.Accounts;

namespace Portal.Infrastructure.Persistence.Configurations;

internal sealed class PortalUserConfiguration : IEntityTypeConfiguration<PortalUser>
{
    public void Configure(EntityTypeBuilder<PortalUser> builder)
    {
        builder.Property(u => u.FullName).HasMaxLength(PortalUser.FullNameMaxLength);
        builder.Property(u => u.OfficeCode).HasMaxLength(5);
        builder.Property(u => u.IdentityNumber).HasMaxLength(12);
        builder.Property(u => u.PhoneNumber).HasMaxLength(20);
        builder.Ignore(u => u.IsDisabled);
        builder.HasOne<BhxhOffice>().WithMany().HasForeignKey(u => u.OfficeCode).OnDelete(DeleteBehavior.Restrict);
    }
}
