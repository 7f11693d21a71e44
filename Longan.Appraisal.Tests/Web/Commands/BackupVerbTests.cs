using System.Collections.Concurrent;
using System.Diagnostics;
using Longan.Appraisal.Core.Features.Audit;
using Longan.Appraisal.Core.Features.Evaluations;
using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Persistence.Backups;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;
using Longan.Appraisal.Web.Commands;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Longan.Appraisal.Tests.Web.Commands;

/// <summary>
/// `backup --out` on the run's provider (.ci/test runs this class on SQLite, then on PostgreSQL):
/// SQLite's online backup or pg_dump, taken while the portal's services write, restored as the
/// README says, and recomputed.
/// </summary>
[Trait("Category", "BothProviders")]
public sealed class BackupVerbTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("longan-backup-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    private string Output => _out.ToString() + _err.ToString();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The verb's configuration for a test database, as an operator would give it.</summary>
    private static string[] Configuration(TestDatabase db) => db.Settings.Provider == DatabaseProvider.PostgreSQL
        ? ["--Appraisal:Database=PostgreSQL", $"--ConnectionStrings:Appraisal={db.Settings.ConnectionString}"]
        : [$"--ConnectionStrings:Appraisal={db.Settings.ConnectionString}"];

    [Fact]
    public async Task Backup_WhileEntriesAndComputesAreWritten_CopyPassesItsCheck_RestoresWithIntactAudit_RecomputesToTheSameFingerprint()
    {
        var county = new CollectingCounty();
        await county.InitializeAsync();
        try
        {
            // The running portal keeps pooled connections open, so SQLite's log of recent writes (-wal)
            // is folded into the file only now and then; a plain copy of the file would miss it.
            await using var portal = await HoldTheLogOpenAsync(county.Db);
            var results = county.Get<ResultService>();
            // The fingerprint of the inputs after each number of entries the writer has saved.
            var fingerprints = new ConcurrentDictionary<int, string> { [0] = (await results.ComputeAsync(county.County, county.CycleId)).Fingerprint };
            var saved = 0;
            using var stop = new CancellationTokenSource();
            var writer = Task.Run(async () =>
            {
                var tallies = county.Get<VillagerTallyService>();
                for (var i = 1; !stop.IsCancellationRequested; i++)
                {
                    // Each step is a township's save (an entry and its audit record) and a compute, as the portal's users make them.
                    await tallies.AddAsync(county.Natong, county.CycleId, county.LangwanAssistant,
                        new TallyInput { Satisfied = 20 + i % 11, BasicallySatisfied = i % 5, Dissatisfied = i % 3, Round = $"第 {i} 次会议" });
                    fingerprints[i] = (await results.ComputeAsync(county.County, county.CycleId)).Fingerprint;
                    Volatile.Write(ref saved, i);
                }
            });
            await UntilAsync(() => Volatile.Read(ref saved) >= 2);
            var file = Path.Combine(_folder, "appraisal.backup");

            // The copy must be taken while the writer writes: on a loaded machine one save and compute
            // can outlast the verb, so the backup is taken again (a new file) until one overlapped a save.
            int before, after, code;
            var attempts = 0;
            do
            {
                File.Delete(file);
                before = Volatile.Read(ref saved);
                code = await AdminCommandLine.RunAsync(["backup", "--out", file, .. Configuration(county.Db)], _out, _err);
                after = Volatile.Read(ref saved);
            }
            while (code == AdminCommandLine.ExitOk && after == before && ++attempts < 5);
            await UntilAsync(() => Volatile.Read(ref saved) > after + 1);
            await stop.CancelAsync();
            await writer;

            Assert.True(code == AdminCommandLine.ExitOk, Output);
            Assert.True(after > before, $"the writer saved nothing while the verb ran ({before} → {after})");
            Assert.Equal([file], Directory.GetFiles(_folder));
            Assert.Contains($"已备份到 {file}", Output);
            Assert.Contains(county.Db.Settings.Provider == DatabaseProvider.PostgreSQL ? "检查通过：pg_restore --list：" : "检查通过：SQLite integrity_check：ok", Output);

            await using var restored = await RestoreAsync(file);
            await using (var db = await restored.OpenAsync())
            {
                // A complete database at the code's migrations, not a file with pages from several moments.
                Assert.Empty(await db.Database.GetPendingMigrationsAsync());
                Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
                var inCopy = await db.VillagerTallies.CountAsync(t => t.CycleId == county.CycleId);
                // The writer counts a step once its compute is done, so the copy may also hold the entry
                // of the step under way when the verb returned.
                Assert.InRange(inCopy, before, after + 1);
                // What the verb said it copied is what the file holds.
                Assert.Contains($"审计记录 {await db.AuditRecords.CountAsync()} 条", Output);
                Assert.Contains($"助理员 {await db.Assistants.CountAsync()} 名", Output);
                Assert.Equal(fingerprints[inCopy], (await restored.Get<ResultService>().ComputeAsync(Caller.System, county.CycleId)).Fingerprint);
            }
            Assert.True((await restored.Get<AuditService>().VerifyAsync(Caller.System)).IsIntact);
            Assert.Equal(AdminCommandLine.ExitOk, await AdminCommandLine.RunAsync(["verify-audit", .. Configuration(restored)], _out, _err));
            Assert.Contains("审计日志完整", _out.ToString());
        }
        finally
        {
            await county.DisposeAsync();
        }
    }

    [Fact]
    public async Task Backup_WithoutOut_PrintsTheUsage_WritesNothing()
    {
        await using var db = await TestDatabase.CreateAsync();

        var code = await AdminCommandLine.RunAsync(["backup", .. Configuration(db)], _out, _err);

        Assert.Equal(AdminCommandLine.ExitUsage, code);
        Assert.Contains("用法：backup --out <file>", Output);
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [Theory]
    [InlineData("missing-folder", "文件夹“{0}”不存在")]
    [InlineData("folder-is-a-file", "文件夹“{0}”不存在")]
    [InlineData("out-is-a-folder", "--out 应是文件名")]
    [InlineData("unwritable", "没有在文件夹“{0}”中写文件的权限")]
    public async Task Backup_WhereNoFileCanBeWritten_SaysWhyInChinese_LeavesNothing(string where, string message)
    {
        await using var db = await TestDatabase.CreateAsync();
        File.WriteAllText(Path.Combine(_folder, "a-file"), "x");
        // /proc takes no new files, whoever asks (tests may run as root, for whom permissions mean nothing).
        var (file, folder) = where switch
        {
            "missing-folder" => (Path.Combine(_folder, "none", "a.backup"), Path.Combine(_folder, "none")),
            "folder-is-a-file" => (Path.Combine(_folder, "a-file", "a.backup"), Path.Combine(_folder, "a-file")),
            "out-is-a-folder" => (_folder, _folder),
            _ => ("/proc/longan.backup", "/proc"),
        };

        var code = await AdminCommandLine.RunAsync(["backup", "--out", file, .. Configuration(db)], _out, _err);

        Assert.Equal(AdminCommandLine.ExitFailed, code);
        Assert.Contains(string.Format(System.Globalization.CultureInfo.InvariantCulture, message, folder), Output);
        Assert.Equal([Path.Combine(_folder, "a-file")], Directory.GetFileSystemEntries(_folder));
        Assert.False(File.Exists("/proc/longan.backup"));
    }

    [Fact]
    public async Task Backup_OntoAnExistingFile_RefusedAndTheFileKept_ReplacedOnlyWithOverwrite()
    {
        await using var db = await TestDatabase.CreateAsync();
        var file = Path.Combine(_folder, "nightly.backup");
        await File.WriteAllTextAsync(file, "昨天的备份");

        var refused = await AdminCommandLine.RunAsync(["backup", "--out", file, .. Configuration(db)], _out, _err);

        Assert.Equal(AdminCommandLine.ExitFailed, refused);
        Assert.Contains($"backup 失败：“{file}”已存在。备份不会覆盖已有文件", Output);
        Assert.Equal("昨天的备份", await File.ReadAllTextAsync(file));
        Assert.Equal([file], Directory.GetFiles(_folder));

        var replaced = await AdminCommandLine.RunAsync(["backup", "--out", file, "--overwrite", .. Configuration(db)], _out, _err);

        Assert.True(replaced == AdminCommandLine.ExitOk, Output);
        Assert.NotEqual("昨天的备份", await File.ReadAllTextAsync(file));
        Assert.Equal([file], Directory.GetFiles(_folder));
        await using var restored = await RestoreAsync(file);
        await using var copy = await restored.OpenAsync();
        Assert.Empty(await copy.Database.GetPendingMigrationsAsync());
    }

    /// <summary>
    /// On SQLite: a live file whose index no longer matches its table (what cp under writes produced
    /// in the issue) is copied page for page, so the copy fails integrity_check: the verb says so and
    /// keeps nothing. On PostgreSQL: a dump cut short fails pg_restore's reading.
    /// </summary>
    [Fact]
    public async Task Backup_DamagedCopy_FailsItsCheckInChinese_LeavesNothing()
    {
        await using var db = await TestDatabase.CreateAsync(demoCounty: true);
        var file = Path.Combine(_folder, "appraisal.backup");
        if (db.Settings.Provider == DatabaseProvider.Sqlite)
        {
            await MismatchAnIndexAsync(db.FilePath);

            var code = await AdminCommandLine.RunAsync(["backup", "--out", file, .. Configuration(db)], _out, _err);

            Assert.Equal(AdminCommandLine.ExitFailed, code);
            Assert.Contains("backup 失败：备份副本没有通过检查，已删除，没有留下文件：integrity_check 发现", Output);
            Assert.Contains("IX_Assistants_Code", Output);
            Assert.Empty(Directory.GetFileSystemEntries(_folder));
            return;
        }

        Assert.Equal(AdminCommandLine.ExitOk, await AdminCommandLine.RunAsync(["backup", "--out", file, .. Configuration(db)], _out, _err));
        var model = await BackupModel.ReadAsync(db.Get<IDbContextFactory<AppraisalDbContext>>(), CancellationToken.None);
        var pgRestore = PgDumpBackup.Tool("pg_restore", null);
        Assert.Null((await PgDumpBackup.CheckAsync(pgRestore, file, model, CancellationToken.None)).Problem);
        var bytes = await File.ReadAllBytesAsync(file);
        await File.WriteAllBytesAsync(file, bytes[..(bytes.Length * 2 / 3)]);

        var (problem, _) = await PgDumpBackup.CheckAsync(pgRestore, file, model, CancellationToken.None);

        Assert.NotNull(problem);
        Assert.StartsWith("pg_restore", problem);
        Assert.Contains("没有完成（退出码 1）", problem);
    }

    [Fact]
    public async Task Backup_PostgreSqlClientMissing_SaysToInstallIt_WritesNothing()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_folder, "bin")).FullName;
        var file = Path.Combine(_folder, "appraisal.backup");
        // The tools are looked for before any connection, so this needs no server on the SQLite pass.
        var settings = new DatabaseSettings(DatabaseProvider.PostgreSQL, "Host=127.0.0.1;Port=1;Database=nowhere;Username=nobody");
        await using var services = new ServiceCollection().AddLogging().AddAppraisalDatabase(settings).BuildServiceProvider();
        var backup = new DatabaseBackup(settings, services.GetRequiredService<IDbContextFactory<AppraisalDbContext>>(),
            Options.Create(new BackupOptions { PostgreSqlClient = empty }), NullLogger<DatabaseBackup>.Instance);

        var refusal = await Assert.ThrowsAsync<BackupFailedException>(() => backup.WriteAsync(file, overwrite: false));

        Assert.Equal($"找不到 PostgreSQL 的备份工具 pg_dump（{Path.Combine(empty, "pg_dump")}）。请安装 Debian 的 postgresql-client（apt-get install postgresql-client；主版本要与数据库服务器相同或更新），" +
            "或用 Appraisal:Backup:PostgreSqlClient 指向它所在的文件夹（如 /usr/lib/postgresql/16/bin）。没有写出任何文件。", refusal.Message);
        Assert.Equal([empty], Directory.GetFileSystemEntries(_folder));

        if (TestDatabase.Provider == DatabaseProvider.PostgreSQL)
        {
            // Through the verb, and a pg_dump older than the server: its own words reach the operator, the password never its command line.
            await using var db = await TestDatabase.CreateAsync();
            var code = await AdminCommandLine.RunAsync(["backup", "--out", file, $"--Appraisal:Backup:PostgreSqlClient={empty}", .. Configuration(db)], _out, _err);
            Assert.Equal(AdminCommandLine.ExitFailed, code);
            Assert.Contains("backup 失败：找不到 PostgreSQL 的备份工具 pg_dump", Output);

            FakeTool(empty, "pg_restore", "exit 0");
            FakeTool(empty, "pg_dump", """
                printf '%s\n' "$@" > "$(dirname "$0")/arguments"
                printf '%s' "$PGPASSWORD" > "$(dirname "$0")/password"
                echo 'pg_dump: error: aborting because of server version mismatch' >&2
                echo 'pg_dump: detail: server version: 17.2; pg_dump version: 15.18' >&2
                exit 1
                """);
            var withPassword = new NpgsqlConnectionStringBuilder(db.Settings.ConnectionString) { Password = "机密-secret" }.ToString();
            code = await AdminCommandLine.RunAsync(["backup", "--out", file, $"--Appraisal:Backup:PostgreSqlClient={empty}",
                "--Appraisal:Database=PostgreSQL", $"--ConnectionStrings:Appraisal={withPassword}"], _out, _err);

            Assert.Equal(AdminCommandLine.ExitFailed, code);
            Assert.Contains("backup 失败：pg_dump 没有完成（退出码 1），没有留下备份文件。它的报告：pg_dump: error: aborting because of server version mismatch", Output);
            Assert.Contains("server version: 17.2; pg_dump version: 15.18", Output);
            Assert.Contains("pg_dump 的版本比数据库服务器旧", Output);
            var arguments = await File.ReadAllLinesAsync(Path.Combine(empty, "arguments"));
            Assert.Contains($"--dbname={db.Name}", arguments);
            Assert.Contains("--format=custom", arguments);
            Assert.DoesNotContain(arguments, a => a.Contains("secret", StringComparison.Ordinal));
            Assert.Equal("机密-secret", await File.ReadAllTextAsync(Path.Combine(empty, "password")));
            Assert.False(File.Exists(file));
            Assert.Empty(Directory.GetFiles(_folder));
        }
    }

    /// <summary>
    /// Restores a backup as the README's restore steps say: on SQLite the file replaces the database
    /// (its -wal and -shm removed); on PostgreSQL pg_restore --clean --if-exists --no-owner into a database.
    /// </summary>
    private static async Task<TestDatabase> RestoreAsync(string backup)
    {
        var restored = await TestDatabase.CreateAsync();
        if (restored.Settings.Provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            File.Delete(restored.FilePath + "-wal");
            File.Delete(restored.FilePath + "-shm");
            File.Copy(backup, restored.FilePath, overwrite: true);
            return restored;
        }
        var server = new NpgsqlConnectionStringBuilder(restored.Settings.ConnectionString);
        NpgsqlConnection.ClearAllPools();
        var (code, error) = await RunAsync("pg_restore", "--clean", "--if-exists", "--no-owner", $"--host={server.Host}", $"--port={server.Port}",
            $"--username={server.Username}", $"--dbname={server.Database}", backup);
        Assert.True(code == 0, error);
        return restored;
    }

    private static async Task<SqliteConnection?> HoldTheLogOpenAsync(TestDatabase db)
    {
        if (db.Settings.Provider != DatabaseProvider.Sqlite)
        {
            return null;
        }
        var connection = new SqliteConnection(db.Settings.ConnectionString);
        await connection.OpenAsync();
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT COUNT(*) FROM sqlite_schema";
        await read.ExecuteScalarAsync();
        return connection;
    }

    /// <summary>Rewrites an index's definition so its entries no longer match the table: integrity_check's "row … missing from index".</summary>
    private static async Task MismatchAnIndexAsync(string file)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA wal_checkpoint(TRUNCATE);
            PRAGMA writable_schema = ON;
            UPDATE sqlite_schema SET sql = replace(sql, '("Code")', '("Name")') WHERE type = 'index' AND name = 'IX_Assistants_Code';
            PRAGMA writable_schema = OFF;
            """;
        await command.ExecuteNonQueryAsync();
    }

    private static void FakeTool(string folder, string name, string body)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        // The suite runs on Linux (.ci); the guard is for the analyzer.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static async Task<(int Code, string Error)> RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await output;
        return (process.ExitCode, error);
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), "the writer made no progress in a minute");
            await Task.Delay(10);
        }
    }
}
