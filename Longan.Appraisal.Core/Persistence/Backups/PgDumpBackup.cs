using System.Data;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Longan.Appraisal.Core.Resources;
using Npgsql;

namespace Longan.Appraisal.Core.Persistence.Backups;

/// <summary>
/// PostgreSQL's backup: pg_dump in its custom format, checked by reading it back with pg_restore.
/// The dump is taken from a snapshot this class exports and holds open, so the counts it reports
/// are exactly those of the file while the portal's nodes keep writing.
/// </summary>
internal static partial class PgDumpBackup
{
    /// <summary>
    /// Dumps the database to <paramref name="partial"/> with pg_dump from an exported snapshot, and
    /// returns what that snapshot holds (the same rows as the file).
    /// </summary>
    public static async Task<BackupContents> DumpAsync(string connectionString, string pgDump, string partial, BackupModel model, CancellationToken ct)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        // A plain connection, not the portal's context: its transactions take the writers' advisory
        // lock, which would stop every writer for the whole dump. This one only reads.
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var snapshot = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await using var export = new NpgsqlCommand("SELECT pg_export_snapshot()", connection, snapshot);
        var id = (string)(await export.ExecuteScalarAsync(ct))!;
        var contents = await BackupContents.ReadAsync(connection, snapshot, model, ct);
        List<string> arguments = ["--format=custom", $"--file={partial}", $"--snapshot={id}", "--no-password", .. ConnectionArguments(settings)];
        var dump = await RunAsync(pgDump, arguments, settings, ct);
        if (dump.ExitCode != 0)
        {
            var report = dump.Error.Trim();
            throw new BackupFailedException(Messages.BackupToolFailed("pg_dump", dump.ExitCode, report)
                + (report.Contains("version mismatch", StringComparison.OrdinalIgnoreCase) ? " " + Messages.BackupToolVersionMismatch : ""));
        }
        await snapshot.RollbackAsync(ct);
        return contents;
    }

    /// <summary>
    /// Reads a dump back with pg_restore: its table of contents must list the data of every table,
    /// and every data block must decompress. Returns the problem, or null with the check in words.
    /// </summary>
    public static async Task<(string? Problem, string? Summary)> CheckAsync(string pgRestore, string file, BackupModel model, CancellationToken ct)
    {
        var list = await RunAsync(pgRestore, ["--list", file], null, ct);
        if (list.ExitCode != 0)
        {
            return (Messages.BackupToolFailed("pg_restore --list", list.ExitCode, list.Error.Trim()), null);
        }
        var entries = list.Output.Split('\n').Count(line => line.Length > 0 && !line.StartsWith(';'));
        var withData = TableData().Matches(list.Output).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        if (model.Tables.Where(t => !withData.Contains(t)).ToList() is { Count: > 0 } missingTables)
        {
            return (Messages.BackupMissingTableData(string.Join("、", missingTables)), null);
        }
        // --list reads only the table of contents; turning the whole archive into a script nobody
        // keeps decompresses every data block, so a truncated or damaged dump is caught here.
        var read = await RunAsync(pgRestore, [$"--file={(OperatingSystem.IsWindows() ? "NUL" : "/dev/null")}", file], null, ct);
        return read.ExitCode != 0
            ? (Messages.BackupToolFailed("pg_restore", read.ExitCode, read.Error.Trim()), null)
            : (null, Messages.BackupPostgreSqlChecked(entries, model.Tables.Count, model.Migrations.Count));
    }

    /// <summary>The tool in the configured folder, or on the PATH; a plain message naming where it was looked for when it is not there.</summary>
    internal static string Tool(string name, string? folder)
    {
        var file = OperatingSystem.IsWindows() ? name + ".exe" : name;
        if (!string.IsNullOrWhiteSpace(folder))
        {
            var path = Path.Combine(folder, file);
            return File.Exists(path) ? path : throw new BackupFailedException(Messages.BackupToolMissing(name, path));
        }
        var search = Environment.GetEnvironmentVariable("PATH") ?? "";
        return search.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, file)).FirstOrDefault(File.Exists)
            ?? throw new BackupFailedException(Messages.BackupToolMissing(name, "PATH=" + search));
    }

    /// <summary>Host, port, database and user as libpq takes them; the password never goes on the command line (see <see cref="RunAsync"/>).</summary>
    private static IEnumerable<string> ConnectionArguments(NpgsqlConnectionStringBuilder settings)
    {
        if (!string.IsNullOrEmpty(settings.Host))
        {
            yield return $"--host={settings.Host}";
        }
        yield return $"--port={settings.Port.ToString(CultureInfo.InvariantCulture)}";
        if (!string.IsNullOrEmpty(settings.Username))
        {
            yield return $"--username={settings.Username}";
        }
        if (!string.IsNullOrEmpty(settings.Database))
        {
            yield return $"--dbname={settings.Database}";
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string tool, IEnumerable<string> arguments, NpgsqlConnectionStringBuilder? settings, CancellationToken ct)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        if (settings is not null)
        {
            // The secret through the child's environment only: a command line is visible to every user of the machine (ps).
            if (!string.IsNullOrEmpty(settings.Password))
            {
                start.Environment["PGPASSWORD"] = settings.Password;
            }
            start.Environment["PGSSLMODE"] = settings.SslMode switch
            {
                SslMode.Disable => "disable",
                SslMode.Allow => "allow",
                SslMode.Require => "require",
                SslMode.VerifyCA => "verify-ca",
                SslMode.VerifyFull => "verify-full",
                _ => "prefer",
            };
            start.Environment["PGAPPNAME"] = "longan-backup";
        }
        using var process = Process.Start(start) ?? throw new BackupFailedException(Messages.BackupToolMissing(Path.GetFileName(tool), tool));
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await output, await error);
    }

    /// <summary>A data entry of pg_restore --list: "3667; 0 21308 TABLE DATA public Assistants postgres".</summary>
    [GeneratedRegex(@"^\d+; \d+ \d+ TABLE DATA \S+ (\S+) ", RegexOptions.Multiline)]
    private static partial Regex TableData();
}
