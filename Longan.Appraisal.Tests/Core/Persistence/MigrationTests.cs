using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Persistence.PostgreSql;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Longan.Appraisal.Tests.Core.Persistence;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrate_DatabaseCreatedByFirstMigration_UpgradesToLatestKeepingData()
    {
        var path = Path.Combine(Path.GetTempPath(), $"longan-migration-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<AppraisalDbContext>().UseSqlite(TestDatabase.ConnectionString(path)).Options;
        try
        {
            await using (var db = new AppraisalDbContext(options))
            {
                var all = db.Database.GetMigrations().ToList();
                Assert.NotEmpty(all);
                await db.GetService<IMigrator>().MigrateAsync(all[0]);
                // Data as the first release wrote it, with plain SQL so it does not depend on today's model.
                await db.Database.ExecuteSqlRawAsync("INSERT INTO Townships (Name, SortOrder, IsActive) VALUES ('那桐镇', 40, 1);");
                await db.Database.ExecuteSqlRawAsync("INSERT INTO Villages (TownshipId, Name, StationName, IsActive) VALUES (1, '浪湾村', '浪湾村便民服务站', 1);");
            }

            await using (var db = new AppraisalDbContext(options))
            {
                await db.Database.MigrateAsync();

                Assert.Empty(await db.Database.GetPendingMigrationsAsync());
                var village = await db.Villages.Include(v => v.Township).SingleAsync();
                Assert.Equal(("那桐镇", "浪湾村", "浪湾村便民服务站"), (village.Township!.Name, village.Name, village.StationName));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    [Fact]
    public void Model_OnSqlite_HasNoChangesMissingAMigration()
    {
        using var context = new AppraisalDbContext(new DbContextOptionsBuilder<AppraisalDbContext>().UseSqlite("Data Source=:memory:").Options);

        Assert.False(context.Database.HasPendingModelChanges(),
            "The model changed without a SQLite migration: dotnet ef migrations add <Name> --project Longan.Appraisal.Core --context AppraisalDbContext "
            + "--output-dir Persistence/Migrations/Sqlite --namespace Longan.Appraisal.Core.Persistence.Migrations.Sqlite");
    }

    [Fact]
    public void Model_OnPostgreSql_HasNoChangesMissingAMigration()
    {
        // Compares the model with the PostgreSQL migrations' snapshot: no server needed.
        using var context = new PostgreSqlAppraisalDbContext(new DbContextOptionsBuilder<PostgreSqlAppraisalDbContext>().UseNpgsql("Host=localhost;Database=unused").Options);

        Assert.False(context.Database.HasPendingModelChanges(),
            "The model changed without a PostgreSQL migration: dotnet ef migrations add <Name> --project Longan.Appraisal.Core --context PostgreSqlAppraisalDbContext "
            + "--output-dir Persistence/Migrations/PostgreSql --namespace Longan.Appraisal.Core.Persistence.Migrations.PostgreSql");
    }

    [Fact]
    public void MigrationSets_EachProviderHasItsOwn_AndTheyEndAtTheSameModel()
    {
        using var sqlite = new AppraisalDbContext(new DbContextOptionsBuilder<AppraisalDbContext>().UseSqlite("Data Source=:memory:").Options);
        using var postgres = new PostgreSqlAppraisalDbContext(new DbContextOptionsBuilder<PostgreSqlAppraisalDbContext>().UseNpgsql("Host=localhost;Database=unused").Options);

        var sqliteMigrations = sqlite.Database.GetMigrations().ToList();
        var postgresMigrations = postgres.Database.GetMigrations().ToList();
        Assert.NotEmpty(sqliteMigrations);
        Assert.NotEmpty(postgresMigrations);
        Assert.Empty(sqliteMigrations.Intersect(postgresMigrations));
        // The same entities and tables on both: a table added on one provider only would show here.
        Assert.Equal(
            sqlite.Model.GetEntityTypes().Select(t => t.GetTableName()).Order(StringComparer.Ordinal),
            postgres.Model.GetEntityTypes().Select(t => t.GetTableName()).Order(StringComparer.Ordinal));
    }
}
