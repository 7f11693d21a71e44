using Longan.Appraisal.Core.Resources;
using Microsoft.Data.Sqlite;

namespace Longan.Appraisal.Core.Persistence.Backups;

/// <summary>
/// SQLite's online backup API: the pages are copied inside one read transaction of the live file, so
/// the copy is the database as of one instant, while the portal's writers carry on (WAL mode: a reader
/// never blocks the writer). Copying the file with cp instead mixes pages from different moments and
/// leaves out what is still in the -wal log.
/// </summary>
internal static class SqliteBackup
{
    /// <summary>Writes the copy to <paramref name="partial"/> as one self-contained file (no -wal beside it).</summary>
    public static async Task CopyAsync(string connectionString, string partial, CancellationToken ct)
    {
        var source = new SqliteConnectionStringBuilder(connectionString);
        if (source.Mode == SqliteOpenMode.Memory || source.DataSource is "" or ":memory:")
        {
            throw new BackupFailedException(Messages.BackupInMemoryDatabase);
        }
        await using var live = new SqliteConnection(connectionString);
        await live.OpenAsync(ct);
        await using var copy = new SqliteConnection(Open(partial, SqliteOpenMode.ReadWriteCreate));
        await copy.OpenAsync(ct);
        // One step of all pages (Microsoft.Data.Sqlite calls sqlite3_backup_step with -1): a step
        // that has to be repeated restarts whenever another connection writes, which under a busy
        // portal could go on forever; a single step holds one snapshot from start to end.
        try
        {
            await Task.Run(() => live.BackupDatabase(copy), ct);
        }
        catch (SqliteException ex)
        {
            // A full disk, the live file's own damage (SQLITE_CORRUPT), an unreadable page: said in the verb's words.
            throw new BackupFailedException(Messages.BackupCopyFailed(ex.Message));
        }
        // The copy inherits WAL mode from the live file; a backup should be a single file to move around.
        await using var command = copy.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=DELETE;";
        await command.ExecuteScalarAsync(ct);
    }

    /// <summary>
    /// Checks a copy on its own: PRAGMA integrity_check (pages, indexes, constraints), that it has
    /// and what it holds (its migrations among it). Returns the contents, or the problem in words.
    /// </summary>
    public static async Task<(BackupContents? Contents, string? Problem)> CheckAsync(string file, BackupModel model, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(Open(file, SqliteOpenMode.ReadOnly));
        await connection.OpenAsync(ct);
        var problems = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA integrity_check;";
            try
            {
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    problems.Add(reader.GetString(0));
                }
            }
            catch (SqliteException ex)
            {
                // A page so damaged that the check itself cannot read it (SQLITE_CORRUPT).
                problems.Add(ex.Message);
            }
        }
        if (problems is not ["ok"])
        {
            return (null, Messages.BackupIntegrityProblems(problems.Count, string.Join("；", problems.Take(10))));
        }
        return (await BackupContents.ReadAsync(connection, null, model, ct), null);
    }

    private static string Open(string file, SqliteOpenMode mode) =>
        new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false }.ToString();
}
