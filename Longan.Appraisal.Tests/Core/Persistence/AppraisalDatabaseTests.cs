using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Longan.Appraisal.Tests.Core.Persistence;

public sealed class AppraisalDatabaseTests
{
    [Fact]
    public void ResolveConnectionString_NothingConfigured_EmbeddedFileInDataFolderUnderContentRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), $"longan-root-{Guid.NewGuid():N}");
        try
        {
            var cs = new SqliteConnectionStringBuilder(AppraisalDatabase.ResolveConnectionString(null, root));

            Assert.Equal(Path.Combine(root, "App_Data", "appraisal.db"), cs.DataSource);
            Assert.True(Directory.Exists(Path.Combine(root, "App_Data")));
            Assert.True(cs.DefaultTimeout >= 30);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void ResolveConnectionString_RelativeConfiguredFile_TakenRelativeToContentRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), $"longan-root-{Guid.NewGuid():N}");
        try
        {
            var cs = new SqliteConnectionStringBuilder(AppraisalDatabase.ResolveConnectionString("Data Source=data/county.db", root));

            Assert.Equal(Path.Combine(root, "data", "county.db"), cs.DataSource);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void ResolveConnectionString_AbsoluteFile_KeptAsGiven()
    {
        var file = Path.Combine(Path.GetTempPath(), "longan-abs.db");

        var cs = new SqliteConnectionStringBuilder(AppraisalDatabase.ResolveConnectionString($"Data Source={file}", "/nonexistent"));

        Assert.Equal(file, cs.DataSource);
    }

    [Fact]
    public async Task Migrate_SwitchesToWriteAheadLogging()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var context = await db.OpenAsync();
        await context.Database.OpenConnectionAsync();
        await using var command = context.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task ForeignKeys_AreEnforced()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var context = await db.OpenAsync();
        context.Villages.Add(new Village { TownshipId = 9999, Name = "无主村" });

        await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
    }

    [Theory]
    [InlineData(null, DatabaseProvider.Sqlite)]
    [InlineData("", DatabaseProvider.Sqlite)]
    [InlineData("Sqlite", DatabaseProvider.Sqlite)]
    [InlineData("postgresql", DatabaseProvider.PostgreSQL)]
    [InlineData(" PostgreSQL ", DatabaseProvider.PostgreSQL)]
    public void Settings_ProviderByConfiguration(string? configured, DatabaseProvider expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DatabaseSettings.ProviderKey] = configured,
            ["ConnectionStrings:Appraisal"] = expected == DatabaseProvider.PostgreSQL ? "Host=db1;Database=appraisal;Username=appraisal;Password=secret" : null,
        }).Build();

        var settings = DatabaseSettings.From(configuration, Path.GetTempPath());

        Assert.Equal(expected, settings.Provider);
        Assert.DoesNotContain("secret", settings.Described);
    }

    [Theory]
    [InlineData("MySql", null, "Appraisal:Database 只能是 Sqlite 或 PostgreSQL")]
    [InlineData("PostgreSQL", null, "需要在 ConnectionStrings:Appraisal")]
    public void Settings_UnknownProviderOrMissingConnection_RefusedByName(string provider, string? connection, string message)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DatabaseSettings.ProviderKey] = provider,
            ["ConnectionStrings:Appraisal"] = connection,
        }).Build();

        var ex = Assert.Throws<InvalidOperationException>(() => DatabaseSettings.From(configuration, Path.GetTempPath()));

        Assert.Contains(message, ex.Message);
    }
}
