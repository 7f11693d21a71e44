using System.Data.Common;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Audit;
using Longan.Appraisal.Core.Domain.Entries;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Persistence.Backups;

/// <summary>The latest stored result version in a backup: the fingerprint its data must recompute to.</summary>
public sealed record BackupResultVersion(int Year, int Number, string Fingerprint);

/// <summary>
/// What a backup holds, read from the copy itself (SQLite) or from the very snapshot pg_dump wrote
/// (PostgreSQL), so the counts are those of the file and not of the live database a moment later.
/// </summary>
public sealed record BackupContents(long Assistants, long Entries, long AuditRecords, IReadOnlyList<string> Migrations, BackupResultVersion? LatestResult)
{
    /// <summary>Reads the counts with plain SQL both providers understand (quoted names, LIMIT).</summary>
    internal static async Task<BackupContents> ReadAsync(DbConnection connection, DbTransaction? transaction, BackupModel model, CancellationToken ct)
    {
        var entries = string.Join(" + ", model.EntryTables.Select(t => $"(SELECT COUNT(*) FROM \"{t}\")"));
        var assistants = await CountAsync($"SELECT COUNT(*) FROM \"{model.Table<Assistant>()}\"");
        var entryCount = await CountAsync($"SELECT {entries}");
        var audit = await CountAsync($"SELECT COUNT(*) FROM \"{model.Table<AuditRecord>()}\"");
        var migrations = new List<string>();
        await using (var command = Command($"SELECT \"MigrationId\" FROM \"{model.HistoryTable}\" ORDER BY \"MigrationId\""))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                migrations.Add(reader.GetString(0));
            }
        }
        BackupResultVersion? latest = null;
        await using (var command = Command(
            $"SELECT c.\"Year\", v.\"Number\", v.\"Fingerprint\" FROM \"{model.Table<Domain.Results.ResultVersion>()}\" v " +
            $"JOIN \"{model.Table<AppraisalCycle>()}\" c ON c.\"Id\" = v.\"CycleId\" ORDER BY v.\"Id\" DESC LIMIT 1"))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            if (await reader.ReadAsync(ct))
            {
                latest = new BackupResultVersion(reader.GetInt32(0), reader.GetInt32(1), reader.GetString(2));
            }
        }
        return new BackupContents(assistants, entryCount, audit, migrations, latest);

        DbCommand Command(string sql)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            return command;
        }

        async Task<long> CountAsync(string sql)
        {
            await using var command = Command(sql);
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The migrations the code knows that the copy lacks (none for a good copy of a migrated database).</summary>
    internal IReadOnlyList<string> MissingOf(BackupModel model) => model.Migrations.Except(Migrations, StringComparer.Ordinal).ToList();
}
