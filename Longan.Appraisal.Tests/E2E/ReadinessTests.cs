using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Longan.Appraisal.Tests.E2E;

/// <summary>/health/ready tells the proxy the truth when the database changes under a running node.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Ready_PendingMigrationThenMissingDatabase_503NamingTheCheck()
    {
        await using var server = await PortalServer.StartAsync();
        using var http = new PortalHttp(server.BaseUrl);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);

        // A database restored from a backup taken before the latest migration.
        string latest;
        await using (var connection = new SqliteConnection($"Data Source={server.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT MAX(MigrationId) FROM __EFMigrationsHistory";
            latest = (string)(await command.ExecuteScalarAsync())!;
            command.CommandText = "DELETE FROM __EFMigrationsHistory WHERE MigrationId = $id";
            command.Parameters.AddWithValue("$id", latest);
            await command.ExecuteNonQueryAsync();
        }

        var pending = await http.GetAsync("/health/ready");
        var body = await pending.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, pending.StatusCode);
        var checks = JsonDocument.Parse(body).RootElement.GetProperty("checks");
        Assert.Equal("Unhealthy", checks.GetProperty("migrations").GetProperty("status").GetString());
        Assert.Equal("1 migration(s) pending", checks.GetProperty("migrations").GetProperty("description").GetString());
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.DoesNotContain("Data Source", body, StringComparison.OrdinalIgnoreCase);
        // Still alive: the proxy stops sending users, nothing restarts the process.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);

        // The volume holding the database goes away.
        SqliteConnection.ClearAllPools();
        File.Move(server.DatabasePath, server.DatabasePath + ".away");
        try
        {
            var gone = await http.GetAsync("/health/ready");
            var goneBody = await gone.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.ServiceUnavailable, gone.StatusCode);
            Assert.Equal("Unhealthy", JsonDocument.Parse(goneBody).RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
            Assert.DoesNotContain(server.DatabasePath, goneBody, StringComparison.Ordinal);
            Assert.False(File.Exists(server.DatabasePath), "the probe must not create an empty database in its place");
        }
        finally
        {
            File.Move(server.DatabasePath + ".away", server.DatabasePath);
        }
    }
}
