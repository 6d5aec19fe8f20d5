using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Jobs;

namespace Portal.Infrastructure.Persistence.Configurations;

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> builder)
    {
        builder.ToTable("JobRuns");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.JobName).HasMaxLength(50);
        builder.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.ErrorSummary).HasMaxLength(JobRun.MaxErrorSummaryLength);
        builder.Ignore(r => r.LastSeenAt);
        builder.HasIndex(r => r.StartedAt);
    }
}
