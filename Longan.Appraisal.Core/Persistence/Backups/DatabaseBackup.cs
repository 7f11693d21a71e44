using System.Diagnostics;
using Longan.Appraisal.Core.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Longan.Appraisal.Core.Persistence.Backups;

/// <summary>
/// A consistent copy of the portal's database while it runs (the `backup` verb): SQLite's online
/// backup API, or pg_dump on PostgreSQL; the copy is checked before it gets the requested name.
/// </summary>
public sealed class DatabaseBackup(DatabaseSettings settings, IDbContextFactory<AppraisalDbContext> dbFactory, IOptions<BackupOptions> options, ILogger<DatabaseBackup> logger)
{
    /// <summary>
    /// Writes the copy beside <paramref name="path"/> under a hidden temporary name, checks it, and
    /// only then renames it to <paramref name="path"/>: a backup that fails or does not pass its check
    /// leaves nothing, and an existing file is kept unless <paramref name="overwrite"/> says to replace it.
    /// The caller has checked that the folder exists and is writable.
    /// </summary>
    /// <exception cref="BackupFailedException">Refused, failed, or the copy did not pass its check.</exception>
    public async Task<BackupReport> WriteAsync(string path, bool overwrite, CancellationToken ct = default)
    {
        var target = Path.GetFullPath(path);
        if (File.Exists(target) && !overwrite)
        {
            throw new BackupFailedException(Messages.BackupTargetExists(target));
        }
        var clock = Stopwatch.StartNew();
        var model = await BackupModel.ReadAsync(dbFactory, ct);
        var partial = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.partial");
        try
        {
            BackupContents? contents;
            string? problem;
            string? check = null;
            TimeSpan copying;
            if (settings.Provider == DatabaseProvider.PostgreSQL)
            {
                // Both tools are found before anything is written, so a missing client leaves nothing behind.
                var pgDump = PgDumpBackup.Tool("pg_dump", options.Value.PostgreSqlClient);
                var pgRestore = PgDumpBackup.Tool("pg_restore", options.Value.PostgreSqlClient);
                contents = await PgDumpBackup.DumpAsync(settings.ConnectionString, pgDump, partial, model, ct);
                copying = clock.Elapsed;
                (problem, check) = await PgDumpBackup.CheckAsync(pgRestore, partial, model, ct);
            }
            else
            {
                await SqliteBackup.CopyAsync(settings.ConnectionString, partial, ct);
                copying = clock.Elapsed;
                (contents, problem) = await SqliteBackup.CheckAsync(partial, model, ct);
                check = Messages.BackupSqliteChecked(model.Migrations.Count);
            }
            if (problem is null && contents?.MissingOf(model) is { Count: > 0 } missing)
            {
                problem = Messages.BackupMissingMigrations(string.Join("、", missing));
            }
            if (contents is null || problem is not null)
            {
                throw new BackupFailedException(Messages.BackupCheckFailed(problem ?? ""));
            }
            try
            {
                File.Move(partial, target, overwrite);
            }
            catch (IOException) when (!overwrite && File.Exists(target))
            {
                // Someone else wrote the file meanwhile: theirs is kept.
                throw new BackupFailedException(Messages.BackupTargetExists(target));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new BackupFailedException(Messages.BackupReplaceFailed(target, ex.Message));
            }
            var report = new BackupReport(target, settings.Provider, new FileInfo(target).Length, clock.Elapsed, copying, contents, check!);
            logger.LogInformation("Backup of the {Provider} database written to {Path}: {Bytes} bytes, {Assistants} assistants, {Entries} entries, {AuditRecords} audit records, in {ElapsedMs} ms ({CopyingMs} ms copying, the rest checking)",
                report.Provider, report.Path, report.Bytes, contents.Assistants, contents.Entries, contents.AuditRecords, (long)report.Elapsed.TotalMilliseconds, (long)copying.TotalMilliseconds);
            return report;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The reason without the stack: the verb prints the same words, and a refusal is no crash.
            logger.LogWarning("Backup of the {Provider} database to {Path} failed after {ElapsedMs} ms: {Reason}", settings.Provider, target, (long)clock.Elapsed.TotalMilliseconds, ex.Message);
            throw;
        }
        finally
        {
            // The partial file and whatever SQLite kept beside it while writing.
            foreach (var file in new[] { partial, partial + "-journal", partial + "-wal", partial + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
