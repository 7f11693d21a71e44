using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Longan.Appraisal.Tests.E2E;

/// <summary>
/// The real portal, started as its own process from the web project's build output on a free
/// loopback port, with a temporary database that it creates, migrates and fills with the demo
/// county on start (Development), exactly as a newcomer's `dotnet run` does.
/// </summary>
public sealed class PortalServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly string _databasePath;

    /// <summary>The portal's own settings, which its admin verbs get too (another database: a connection string given replaces the temporary SQLite file).</summary>
    private readonly IReadOnlyDictionary<string, string> _environment;

    private PortalServer(Process process, string baseUrl, string databasePath, IReadOnlyDictionary<string, string> environment)
    {
        _process = process;
        BaseUrl = baseUrl;
        _databasePath = databasePath;
        _environment = environment;
    }

    public string BaseUrl { get; }

    /// <summary>From process start to the sign-in page answering (database created and seeded).</summary>
    public TimeSpan ColdStart { get; private set; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <param name="environment">Settings for this portal only (a log format, a level), over the defaults below.</param>
    public static async Task<PortalServer> StartAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var databasePath = Path.Combine(Path.GetTempPath(), $"longan-e2e-{Guid.NewGuid():N}.db");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = SolutionPaths.WebProject,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(SolutionPaths.WebAssembly);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__Appraisal"] = $"Data Source={databasePath}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // Every test signs in from 127.0.0.1, many times a minute, some failing on purpose; the limits
        // themselves are tested on their own (SignInRateLimitTests, SignInServiceTests).
        start.Environment["Appraisal__SignInAttemptsPerMinute"] = "100000";
        start.Environment["Appraisal__SignInFailuresPerAddress"] = "100000";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var server = new PortalServer(process, $"http://127.0.0.1:{port}", databasePath, environment ?? new Dictionary<string, string>());
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The portal exited with code {process.ExitCode}:\n{server.Log}");
            }
            try
            {
                var response = await http.GetAsync(server.BaseUrl + "/login");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    server.ColdStart = clock.Elapsed;
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        await server.DisposeAsync();
        throw new TimeoutException($"The portal did not answer within 90 s:\n{server.Log}");
    }

    /// <summary>Stops the portal at once, as a node that dies does (no graceful shutdown).</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _databasePath, _databasePath + "-wal", _databasePath + "-shm" })
        {
            File.Delete(file);
        }
    }

    /// <summary>Runs an admin verb on the portal's own database while it serves (as an operator would); returns what it printed, or throws with it.</summary>
    public async Task<string> RunVerbAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = SolutionPaths.WebProject,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(SolutionPaths.WebAssembly);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["ConnectionStrings__Appraisal"] = $"Data Source={_databasePath}";
        start.Environment["Appraisal__PublicUrl"] = BaseUrl;
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"{string.Join(' ', args)} exited with {process.ExitCode}: {await output}{await error}");
    }

    /// <summary>The portal's database file, for tests that change it under the running portal.</summary>
    public string DatabasePath => _databasePath;

    /// <summary>Looks up a village's id in the portal's own database, as a user would read it off a link.</summary>
    public Task<int> VillageIdAsync(string township, string village) =>
        ScalarAsync("SELECT v.Id FROM Villages v JOIN Townships t ON t.Id = v.TownshipId WHERE t.Name = $a AND v.Name = $b", township, village);

    /// <summary>The assistant serving a village now.</summary>
    public Task<int> AssistantIdAsync(string township, string village) =>
        ScalarAsync("SELECT p.AssistantId FROM Postings p JOIN Villages v ON v.Id = p.VillageId JOIN Townships t ON t.Id = v.TownshipId WHERE t.Name = $a AND v.Name = $b AND p.EndedOn IS NULL", township, village);

    /// <summary>A cycle's id by its year.</summary>
    public Task<int> CycleIdAsync(int year) => ScalarAsync("SELECT Id FROM Cycles WHERE Year = $a", year, null);

    /// <summary>How many refusals the audit trail holds for an account at an address.</summary>
    public Task<int> RefusalsAsync(string userName, string address) =>
        ScalarAsync("SELECT COUNT(*) FROM AuditRecords WHERE Action = 12 AND Actor = $a AND SubjectKey = $b", userName, address);

    private async Task<int> ScalarAsync(string sql, object a, object? b)
    {
        await using var connection = new SqliteConnection($"Data Source={_databasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$a", a);
        if (b is not null)
        {
            command.Parameters.AddWithValue("$b", b);
        }
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
