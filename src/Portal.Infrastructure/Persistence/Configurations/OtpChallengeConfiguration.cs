using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Infrastructure.Accounts;

namespace Portal.Infrastructure.Persistence.Configurations;

internal sealed class OtpChallengeConfiguration : IEntityTypeConfiguration<OtpChallenge>
{
    public void Configure(EntityTypeBuilder<OtpChallenge> builder)
    {
        builder.ToTable("OtpChallenges");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Purpose).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.CodeHash).HasMaxLength(64);
        // No foreign key to the users: an unknown mã số gets a stand-in challenge, so that Quên mật khẩu does the
        // same writes whether or not the account exists.
        builder.HasIndex(c => new { c.UserId, c.Purpose, c.CreatedAt });
    }
}
