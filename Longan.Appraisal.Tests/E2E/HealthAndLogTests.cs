using System.Net;
using System.Text.Json;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Longan.Appraisal.Tests.E2E;

/// <summary>A portal that logs as JSON at Information, as a collector would read it.</summary>
public sealed class JsonLoggingPortal : IAsyncLifetime
{
    public PortalServer Server { get; private set; } = default!;

    public async Task InitializeAsync() => Server = await PortalServer.StartAsync(new Dictionary<string, string>
    {
        ["Logging__Console__FormatterName"] = "json",
        ["Logging__LogLevel__Default"] = "Information",
    });

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>The proxy's probes and the operators' log, against the real portal process.</summary>
public sealed class HealthAndLogTests(JsonLoggingPortal portal) : IClassFixture<JsonLoggingPortal>
{
    [Fact]
    public async Task Live_AnonymousProbe_200NotCached()
    {
        using var http = new PortalHttp(portal.Server.BaseUrl);

        var response = await http.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("Healthy", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_MigratedDatabase_200WithEachCheck()
    {
        using var http = new PortalHttp(portal.Server.BaseUrl);

        var response = await http.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var checks = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("migrations").GetProperty("status").GetString());
    }

    [Fact]
    public async Task JsonLog_SignInAndRequests_FieldsForOperatorsAndNothingPersonal()
    {
        const string code = "7KQ2-M9XD-4HTP";
        using var http = new PortalHttp(portal.Server.BaseUrl);
        var signIn = await http.SignInAsync(Demo.Assistant);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        // The home page shows the assistant's real name; the phone ballot's address carries a code.
        Assert.Contains(await RealNameAsync(Demo.Assistant), await (await http.GetAsync("/")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await http.GetAsync($"/v/{code}?from=slip");
        await http.GetAsync("/login?returnUrl=%2Fsecret-return");
        using (var wrong = new PortalHttp(portal.Server.BaseUrl))
        {
            await wrong.SignInAsync(Demo.Chengxiang, "wrong-password-123");
        }

        // The console logger writes on its own thread: wait for every line the test reads, not only the last request's.
        var lines = await WaitForLinesAsync(lines => lines.Any(l => Path(l) == "/v/{Code}") && lines.Any(l => SignIn(l, 2000)) && lines.Any(l => SignIn(l, 2001)));

        var vote = lines.First(l => Path(l) == "/v/{Code}");
        Assert.Equal(200, vote.GetProperty("State").GetProperty("StatusCode").GetInt32());
        Assert.True(vote.GetProperty("State").GetProperty("ElapsedMs").GetDouble() > 0);
        Assert.Equal("Information", vote.GetProperty("LogLevel").GetString());
        var home = lines.First(l => Path(l) == "/" && l.GetProperty("State").TryGetProperty("UserName", out _));
        Assert.Equal(Demo.Assistant, home.GetProperty("State").GetProperty("UserName").GetString());
        var signedIn = lines.Single(l => SignIn(l, 2000) && l.GetProperty("State").GetProperty("UserName").GetString() == Demo.Assistant);
        Assert.True(signedIn.GetProperty("State").GetProperty("ElapsedMs").GetDouble() > 0);
        var failed = lines.Single(l => SignIn(l, 2001));
        Assert.Equal(Demo.Chengxiang, failed.GetProperty("State").GetProperty("UserName").GetString());
        Assert.Equal("WrongPassword", failed.GetProperty("State").GetProperty("Reason").GetString());

        var log = portal.Server.Log;
        Assert.DoesNotContain(Demo.Password, log, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password-123", log, StringComparison.Ordinal);
        Assert.DoesNotContain("7KQ2", log, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-return", log, StringComparison.Ordinal);
        Assert.DoesNotContain(await RealNameAsync(Demo.Assistant), log, StringComparison.Ordinal);
        // Probes are answered quietly: no Information line per probe.
        await http.GetAsync("/health/ready");
        Assert.DoesNotContain(lines, l => Path(l)?.StartsWith("/health", StringComparison.Ordinal) == true);
    }

    /// <summary>The portal's stdout lines that are JSON objects (every line, with the JSON formatter), once <paramref name="ready"/> holds.</summary>
    private async Task<List<JsonElement>> WaitForLinesAsync(Func<List<JsonElement>, bool> ready)
    {
        for (var i = 0; ; i++)
        {
            var lines = portal.Server.Log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => JsonDocument.Parse(line).RootElement).ToList();
            if (ready(lines) || i == 150)
            {
                return lines;
            }
            await Task.Delay(100);
        }
    }

    private static bool SignIn(JsonElement line, int eventId) =>
        line.GetProperty("Category").GetString() == "Longan.Appraisal.Core.Features.Accounts.SignInService" && line.GetProperty("EventId").GetInt32() == eventId;

    private static string? Path(JsonElement line) =>
        line.GetProperty("Category").GetString() == "Longan.Appraisal.Web.Hosting.RequestLog" ? line.GetProperty("State").GetProperty("Path").GetString() : null;

    private async Task<string> RealNameAsync(string userName)
    {
        await using var connection = new SqliteConnection($"Data Source={portal.Server.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT DisplayName FROM AspNetUsers WHERE UserName = $name";
        command.Parameters.AddWithValue("$name", userName);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
