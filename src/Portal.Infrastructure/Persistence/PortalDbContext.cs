using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Accounts;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Portal.Domain.AdministrativeUnits;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Captcha;
using Portal.Infrastructure.Declarations;
using Portal.Infrastructure.Drafts;
using Portal.Infrastructure.Outbox;
using Portal.Domain.Jobs;
using Portal.Domain.Offices;

namespace Portal.Infrastructure.Persistence;

public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options)
    : IdentityDbContext<PortalUser, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<AdministrativeScheme> AdministrativeSchemes => Set<AdministrativeScheme>();
    public DbSet<AdministrativeUnit> AdministrativeUnits => Set<AdministrativeUnit>();
    public DbSet<BhxhOffice> BhxhOffices => Set<BhxhOffice>();
    public DbSet<Declaration> Declarations => Set<Declaration>();
    public DbSet<RecordSequence> RecordSequences => Set<RecordSequence>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<Draft> Drafts => Set<Draft>();
    public DbSet<CaptchaChallenge> CaptchaChallenges => Set<CaptchaChallenge>();
    public DbSet<DeletionTombstone> DeletionTombstones => Set<DeletionTombstone>();
    public DbSet<JobRun> JobRuns => Set<JobRun>();
    public DbSet<Review.DeclarationEvent> DeclarationEvents => Set<Review.DeclarationEvent>();
    public DbSet<OtpChallenge> OtpChallenges => Set<OtpChallenge>();

    // Instants are stored as 64-bit integers (EF's DateTimeOffset binary form, always in UTC) on every provider: SQLite cannot compare
    // DateTimeOffset text in queries, and the purge and the queues filter on these columns.
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }
}
