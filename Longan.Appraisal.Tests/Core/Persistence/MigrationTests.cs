using Longan.Appraisal.Core.Persistence;
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
    public async Task Model_HasNoChangesMissingAMigration()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var context = await db.OpenAsync();

        Assert.False(context.Database.HasPendingModelChanges(), "The model changed without a migration: run dotnet ef migrations add.");
    }
}
