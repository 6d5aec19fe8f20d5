using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Declarations;
using Portal.Domain.Offices;

namespace Portal.Infrastructure.Persistence.Configurations;

internal sealed class DeclarationConfiguration : IEntityTypeConfiguration<Declaration>
{
    public void Configure(EntityTypeBuilder<Declaration> builder)
    {
        builder.ToTable("Declarations");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.RecordNumber).HasMaxLength(20).HasConversion(n => n.ToString(), text => RecordNumber.Parse(text));
        builder.HasIndex(d => d.RecordNumber).IsUnique();
        builder.HasIndex(d => new { d.RecordYear, d.RecordSequence }).IsUnique();
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.Purpose).HasConversion<string>().HasMaxLength(10);
        // Two staff acting on one declaration at once: the second save finds the status changed and fails.
        builder.Property(d => d.Status).IsConcurrencyToken();
        builder.Property(d => d.AmendedEmail).HasMaxLength(Declaration.MaxEmailLength);
        builder.Property(d => d.AmendedMobilePhone).HasMaxLength(10);
        builder.Property(d => d.StopReason).HasMaxLength(ChangeRequest.MaxReasonLength);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(d => new { d.Status, d.CreatedAt });
        builder.Property(d => d.RejectionReason).HasMaxLength(Declaration.MaxRejectionReasonLength);
        builder.Property(d => d.FullName).HasMaxLength(Declaration.MaxNameLength);
        builder.Property(d => d.MaSoBhxh).HasMaxLength(10);
        builder.HasIndex(d => d.MaSoBhxh);
        builder.Property(d => d.IdentityNumber).HasMaxLength(12);
        builder.Property(d => d.GuardianMaSoBhxh).HasMaxLength(10);
        builder.HasIndex(d => d.GuardianMaSoBhxh);
        builder.Property(d => d.GuardianIdentityNumber).HasMaxLength(12);
        builder.Property(d => d.GuardianName).HasMaxLength(Declaration.MaxNameLength);
        builder.ComplexProperty(d => d.Address, address =>
        {
            address.Property(a => a.SchemeCode).HasColumnName("AddressSchemeCode").HasMaxLength(PostalAddress.MaxSchemeCodeLength);
            address.Property(a => a.ProvinceCode).HasColumnName("ProvinceCode").HasMaxLength(PostalAddress.MaxUnitCodeLength);
            address.Property(a => a.DistrictCode).HasColumnName("DistrictCode").HasMaxLength(PostalAddress.MaxUnitCodeLength);
            address.Property(a => a.WardCode).HasColumnName("WardCode").HasMaxLength(PostalAddress.MaxUnitCodeLength);
            address.Property(a => a.Street).HasColumnName("Street").HasMaxLength(PostalAddress.MaxStreetLength);
            address.Property(a => a.FullText).HasColumnName("AddressText").HasMaxLength(PostalAddress.MaxFullTextLength);
        });
        builder.Property(d => d.ContactPerson).HasMaxLength(Declaration.MaxNameLength);
        builder.Property(d => d.Email).HasMaxLength(Declaration.MaxEmailLength);
        builder.Property(d => d.MobilePhone).HasMaxLength(10);
        builder.Property(d => d.Channel).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.IvanName).HasMaxLength(Declaration.MaxNameLength);
        builder.Property(d => d.OfficeCode).HasMaxLength(5);
        builder.HasIndex(d => new { d.OfficeCode, d.Status });
        builder.HasOne<BhxhOffice>().WithMany().HasForeignKey(d => d.OfficeCode).OnDelete(DeleteBehavior.Restrict);
        builder.Property(d => d.SubmissionMethod).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.IdempotencyKey).HasMaxLength(64);
        builder.HasIndex(d => d.IdempotencyKey).IsUnique();
        builder.Property(d => d.SubmitterTokenHash).HasMaxLength(64);
        builder.Ignore(d => d.SmsText);

        builder.HasMany(d => d.Photos).WithOne().HasForeignKey("DeclarationId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(d => d.Photos).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
