using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Infrastructure.Captcha;

namespace Portal.Infrastructure.Persistence.Configurations;

internal sealed class CaptchaChallengeConfiguration : IEntityTypeConfiguration<CaptchaChallenge>
{
    public void Configure(EntityTypeBuilder<CaptchaChallenge> builder)
    {
        builder.ToTable("CaptchaChallenges");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasMaxLength(32);
        builder.Property(c => c.CodeHash).HasMaxLength(64);
        builder.HasIndex(c => c.ExpiresAt);
    }
}
