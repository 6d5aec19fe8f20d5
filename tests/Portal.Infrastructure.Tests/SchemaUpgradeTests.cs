using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Declarations;
using Portal.Domain.Offices;
using Portal.Infrastructure.Accounts;
using Portal.Infrastructure.Outbox;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Tests.Support;

namespace Portal.Infrastructure.Tests;

/// <summary>
/// Databases made by the hand-written migrations (kept in LegacyMigrations/, exactly as they ran) move to the generated
/// baseline of their provider without losing a row, and that baseline creates the very schema they made.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class SchemaUpgradeTests(PostgresServer postgres)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 8, 30, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_database_at_the_last_hand_written_migration_keeps_its_rows_when_the_portal_migrates_it(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, postgres);
        var declaration = Declaration.Submit(DeclarationPersistenceTests.SampleContent(), new RecordNumber(2026, 41),
            DeclarationPersistenceTests.SamplePhotos("legacy"), "legacy-draft", new string('f', 64), Now);
        var sms = new OutboxMessage(OutboxChannel.Sms, "0912345678", null, "BHXHVN da nhan duoc to khai", declaration.Id, OutboxAttachment.None, Now);
        var user = new PortalUser("canbo.dongda", "Lê Văn Nam", "0912000002", "nam@example.vn", "00106", Now);
        user.Disable(Now.AddHours(1));
        await using (var db = LegacyContext(database))
        {
            await db.Database.MigrateAsync();
            db.BhxhOffices.Add(BhxhOffice.ForProvince("001", "BHXH Tp. Hà Nội", OfficeSource.Seed));
            await db.SaveChangesAsync();
            db.BhxhOffices.Add(BhxhOffice.ForDistrict("00106", "BHXH Quận Đống Đa", "001", OfficeSource.Seed));
            await db.SaveChangesAsync();
            db.AddRange(declaration, sms, user);
            await db.SaveChangesAsync();
        }

        // The web host's and the `migrate` verb's path: adopt, migrate, seed roles and reference data; twice, as a restart would.
        var dataDirectory = Directory.CreateTempSubdirectory("portal-upgrade-").FullName;
        try
        {
            await using var services = InfrastructureServices.For(database, dataDirectory);
            for (var run = 0; run < 2; run++)
            {
                await using var scope = services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
            }
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }

        await using (var db = database.NewContext())
        {
            var baseline = db.Database.GetMigrations().First();
            Assert.EndsWith("_Baseline", baseline);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal([.. PortalMigrations.HandWritten, baseline], await db.Database.GetAppliedMigrationsAsync());

            var stored = await db.Declarations.Include(d => d.Photos).SingleAsync(d => d.Id == declaration.Id);
            Assert.Equal(("GD/2026/00041", DeclarationStatus.Submitted, Now, "Nguyễn Thị Hồng Nhung"), (stored.RecordNumber.ToString(), stored.Status, stored.CreatedAt, stored.FullName));
            Assert.Equal(DeclarationPersistenceTests.SampleContent().Address, stored.Address);
            Assert.Equal(["legacy-b", "legacy-f", "legacy-p"], stored.Photos.Select(p => p.StorageKey).Order());
            var message = await db.OutboxMessages.SingleAsync();
            Assert.Equal((sms.Id, "0912345678", declaration.Id, Now), (message.Id, message.Recipient, message.DeclarationId, message.CreatedAt));
            var storedUser = await db.Users.SingleAsync();
            Assert.Equal(("canbo.dongda", "Lê Văn Nam", "00106", Now.AddHours(1)), (storedUser.UserName, storedUser.FullName, storedUser.OfficeCode, storedUser.DisabledAt));
            Assert.Equal(4, await db.Roles.CountAsync());
            Assert.True(await db.BhxhOffices.CountAsync() > 700);

            // Every entity of the model reads from the upgraded tables, and the portal writes to them.
            foreach (var entityType in db.Model.GetEntityTypes())
            {
                var set = (IQueryable<object>)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!
                    .MakeGenericMethod(entityType.ClrType).Invoke(db, null)!;
                await set.Take(5).ToListAsync();
            }
            stored.MarkReceived(Now.AddDays(1));
            db.Declarations.Add(Declaration.Submit(DeclarationPersistenceTests.SampleContent(), new RecordNumber(2026, 42),
                DeclarationPersistenceTests.SamplePhotos("after"), "after-draft", new string('e', 64), Now.AddDays(1)));
            await db.SaveChangesAsync();
        }
        await using (var db = database.NewContext())
        {
            Assert.Equal(2, await db.Declarations.CountAsync());
            Assert.Equal(6, await db.Set<DeclarationPhoto>().CountAsync());
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_generated_baseline_creates_the_schema_the_hand_written_migrations_made(string provider)
    {
        await using var legacy = await TestDatabase.CreateAsync(provider, postgres);
        await using var generated = await TestDatabase.CreateAsync(provider, postgres);
        await using (var db = LegacyContext(legacy)) await db.Database.MigrateAsync();
        await generated.MigrateAsync();

        await using var legacyDb = legacy.NewContext();
        await using var generatedDb = generated.NewContext();
        var expected = await SchemaAsync(generatedDb);
        var actual = (await SchemaAsync(legacyDb)).Select(TolerateAddedColumnDefaults).ToList();
        var differences = expected.Except(actual).Select(line => "baseline only: " + line)
            .Concat(actual.Except(expected).Select(line => "hand-written only: " + line)).ToList();
        Assert.True(differences.Count == 0, string.Join("\n", differences));
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Instances_that_adopt_a_hand_written_schema_at_once_record_the_baseline_once(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, postgres);
        await using (var db = LegacyContext(database)) await db.Database.MigrateAsync();

        var contexts = Enumerable.Range(0, 4).Select(_ => database.NewContext()).ToList();
        await Task.WhenAll(contexts.Select(db => Task.Run(() => db.MigrateSchemaAsync())));
        foreach (var db in contexts) await db.DisposeAsync();

        await using var check = database.NewContext();
        Assert.Equal([.. PortalMigrations.HandWritten, check.Database.GetMigrations().First()], await check.Database.GetAppliedMigrationsAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_database_stopped_before_the_last_hand_written_migration_is_refused_with_the_reason(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, postgres);
        await using (var db = LegacyContext(database)) await db.GetService<IMigrator>().MigrateAsync("20261203100000_DeclarationEvents");

        await using var current = database.NewContext();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => current.MigrateSchemaAsync());
        Assert.Contains("20261203100000_DeclarationEvents", error.Message);
        Assert.Contains("20261204120000_DisabledAccounts", error.Message);
        Assert.Equal(14, (await current.Database.GetAppliedMigrationsAsync()).Count());
    }

    [Fact]
    public void The_hand_written_ids_are_the_legacy_migrations_kept_for_these_tests()
    {
        var builder = new DbContextOptionsBuilder<PortalDbContext>().UseSqlite("Data Source=:memory:", o => o.MigrationsAssembly(LegacyAssembly));
        using var db = new PortalDbContext(builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning)).Options);
        Assert.Equal(PortalMigrations.HandWritten, db.Database.GetMigrations());
    }

    private static readonly string LegacyAssembly = typeof(LegacyMigrations.DisabledAccounts).Assembly.GetName().Name!;

    /// <summary>The database as the portal made it before its migrations were generated: the hand-written set, no snapshot.</summary>
    internal static PortalDbContext LegacyContext(TestDatabase database)
    {
        var builder = new DbContextOptionsBuilder<PortalDbContext>();
        if (database.Options.Provider == DatabaseProvider.Postgres)
            builder.UseNpgsql(database.Options.ConnectionString, o => o.MigrationsAssembly(LegacyAssembly));
        else
            builder.UseSqlite(database.Options.ConnectionString, o => o.MigrationsAssembly(LegacyAssembly));
        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        return new PortalDbContext(builder.Options);
    }

    /// <summary>
    /// Two columns the hand-written migrations added to tables with rows in them carry the default that filled those rows;
    /// the baseline has none. The portal always writes both columns, so neither default is ever used.
    /// </summary>
    private static string TolerateAddedColumnDefaults(string row) => row
        .Replace("column Declarations.Purpose default='Register'::character varying ", "column Declarations.Purpose default= ")
        .Replace("column Declarations.Purpose default='Register' ", "column Declarations.Purpose default= ")
        .Replace("column OutboxMessages.NextAttemptAt default=0 ", "column OutboxMessages.NextAttemptAt default= ");

    /// <summary>Tables, columns (type, nullability, default, key, identity), indexes and constraints, one sorted line each.</summary>
    private static async Task<List<string>> SchemaAsync(PortalDbContext db)
    {
        var queries = db.Database.IsNpgsql()
            ? new[]
            {
                """
                SELECT 'column ' || table_name || '.' || column_name || ' default=' || coalesce(column_default, '') || ' ' ||
                       data_type || '(' || coalesce(character_maximum_length::text, '') || ') nullable=' || is_nullable ||
                       ' identity=' || is_identity || coalesce(identity_generation, '')
                FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '\_\_EF%'
                """,
                """
                SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE '\_\_EF%'
                """,
                """
                SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
                FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT LIKE '%\_\_EF%'
                """,
            }
            : new[]
            {
                """
                SELECT 'column ' || m.name || '.' || p.name || ' default=' || coalesce(p.dflt_value, '') || ' ' || p.type ||
                       ' notnull=' || p."notnull" || ' pk=' || p.pk
                FROM sqlite_master m JOIN pragma_table_info(m.name) p
                WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\' AND m.name NOT LIKE '\_\_EF%' ESCAPE '\'
                """,
                """
                SELECT 'table ' || name || ' autoincrement=' || (sql LIKE '%AUTOINCREMENT%') FROM sqlite_master
                WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name NOT LIKE '\_\_EF%' ESCAPE '\'
                """,
                """
                SELECT 'index ' || tbl_name || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master
                WHERE type = 'index' AND tbl_name NOT LIKE '\_\_EF%' ESCAPE '\'
                """,
                """
                SELECT 'foreign key ' || m.name || '.' || f."from" || ' -> ' || f."table" || '.' || f."to" || ' on delete ' || f.on_delete
                FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table'
                """,
            };
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        try
        {
            var rows = new List<string>();
            foreach (var sql in queries)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                await using DbDataReader reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync()) rows.Add(reader.GetString(0) + " ");
            }
            rows.Sort(StringComparer.Ordinal);
            return rows;
        }
        finally
        {
            await connection.CloseAsync();
        }
    }
}
