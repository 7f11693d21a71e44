using Longan.Appraisal.Core.Domain.Results;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

namespace Longan.Appraisal.Core.Persistence;

/// <summary>
/// Writes a version's results inside the caller's transaction, in a fraction of the time change
/// tracking needs for tens of thousands of rows: on SQLite one INSERT prepared on the connection's
/// handle and run per row with its values bound by position (a call into the library, no round
/// trip); on PostgreSQL one binary COPY, where a row per round trip would cost a network wait each.
/// </summary>
internal static class BulkResultWriter
{
    private static readonly string[] s_columns =
    [
        nameof(StoredResult.ResultVersionId), nameof(StoredResult.AssistantId), nameof(StoredResult.TownshipId), nameof(StoredResult.VillageId),
        nameof(StoredResult.VillagerVotes), nameof(StoredResult.VillagerScore), nameof(StoredResult.SatisfactionRate), nameof(StoredResult.DissatisfactionRate),
        nameof(StoredResult.PartyBallots), nameof(StoredResult.PartyScore), nameof(StoredResult.CadreBallots), nameof(StoredResult.CadreScore),
        nameof(StoredResult.Incomplete), nameof(StoredResult.Base), nameof(StoredResult.SupervisionAdjustment), nameof(StoredResult.AttendanceDeduction),
        nameof(StoredResult.Composite), nameof(StoredResult.Grade), nameof(StoredResult.TiedBeyondQuota), nameof(StoredResult.CountyRank),
        nameof(StoredResult.TownshipRank), nameof(StoredResult.Outcomes), nameof(StoredResult.Reasons), nameof(StoredResult.Steps),
    ];

    public static Task WriteAsync(AppraisalDbContext db, IEnumerable<StoredResult> results, CancellationToken ct) =>
        db.Database.GetDbConnection() is NpgsqlConnection postgres ? CopyInAsync(postgres, results, ct) : InsertEachAsync(db, results, ct);

    private static async Task CopyInAsync(NpgsqlConnection connection, IEnumerable<StoredResult> results, CancellationToken ct)
    {
        // COPY runs in the connection's open transaction, the caller's.
        await using var copy = await connection.BeginBinaryImportAsync(
            $"COPY \"StoredResults\" ({string.Join(", ", s_columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)", ct);
        // Values are written synchronously: the importer buffers them and blocks only when it sends a
        // full buffer; an await per value (24 a row, 360 000 a county) cost more than the copy itself.
        foreach (var r in results)
        {
            ct.ThrowIfCancellationRequested();
            copy.StartRow();
            copy.Write(r.ResultVersionId, NpgsqlDbType.Integer);
            copy.Write(r.AssistantId, NpgsqlDbType.Integer);
            copy.Write(r.TownshipId, NpgsqlDbType.Integer);
            copy.Write(r.VillageId, NpgsqlDbType.Integer);
            copy.Write(r.VillagerVotes, NpgsqlDbType.Integer);
            Write(copy, r.VillagerScore);
            Write(copy, r.SatisfactionRate);
            Write(copy, r.DissatisfactionRate);
            copy.Write(r.PartyBallots, NpgsqlDbType.Integer);
            Write(copy, r.PartyScore);
            copy.Write(r.CadreBallots, NpgsqlDbType.Integer);
            Write(copy, r.CadreScore);
            copy.Write(r.Incomplete, NpgsqlDbType.Boolean);
            Write(copy, r.Base);
            copy.Write(r.SupervisionAdjustment, NpgsqlDbType.Numeric);
            copy.Write(r.AttendanceDeduction, NpgsqlDbType.Numeric);
            Write(copy, r.Composite);
            Write(copy, r.Grade, NpgsqlDbType.Integer);
            copy.Write(r.TiedBeyondQuota, NpgsqlDbType.Boolean);
            Write(copy, r.CountyRank, NpgsqlDbType.Integer);
            Write(copy, r.TownshipRank, NpgsqlDbType.Integer);
            copy.Write(r.Outcomes, NpgsqlDbType.Text);
            copy.Write(r.Reasons, NpgsqlDbType.Text);
            copy.Write(r.Steps, NpgsqlDbType.Text);
        }
        await copy.CompleteAsync(ct);
    }

    private static void Write(NpgsqlBinaryImporter copy, decimal? value)
    {
        if (value is { } v)
        {
            copy.Write(v, NpgsqlDbType.Numeric);
        }
        else
        {
            copy.WriteNull();
        }
    }

    private static void Write(NpgsqlBinaryImporter copy, int? value, NpgsqlDbType type)
    {
        if (value is { } v)
        {
            copy.Write(v, type);
        }
        else
        {
            copy.WriteNull();
        }
    }

    private static Task InsertEachAsync(AppraisalDbContext db, IEnumerable<StoredResult> results, CancellationToken ct)
    {
        // One statement prepared on the connection's own handle, values bound by position. Through
        // SqliteCommand every execution looks each parameter up by name and boxes every value, which
        // made the insert five times slower than SQLite itself; in the caller's transaction all the same.
        var handle = ((SqliteConnection)db.Database.GetDbConnection()).Handle!;
        var sql = $"INSERT INTO \"StoredResults\" ({string.Join(", ", s_columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", s_columns.Select(_ => "?"))})";
        Check(raw.sqlite3_prepare_v2(handle, sql, out var statement), handle);
        using (statement)
        {
            foreach (var r in results)
            {
                ct.ThrowIfCancellationRequested();
                var at = 0;
                void Int(int? value) => Check(value is { } v ? raw.sqlite3_bind_int(statement, ++at, v) : raw.sqlite3_bind_null(statement, ++at), handle);
                void Str(string? value) => Check(value is null ? raw.sqlite3_bind_null(statement, ++at) : raw.sqlite3_bind_text(statement, ++at, value), handle);
                Int(r.ResultVersionId); Int(r.AssistantId); Int(r.TownshipId); Int(r.VillageId); Int(r.VillagerVotes);
                Str(Text(r.VillagerScore)); Str(Text(r.SatisfactionRate)); Str(Text(r.DissatisfactionRate));
                Int(r.PartyBallots); Str(Text(r.PartyScore)); Int(r.CadreBallots); Str(Text(r.CadreScore)); Int(r.Incomplete ? 1 : 0);
                Str(Text(r.Base)); Str(Text(r.SupervisionAdjustment)); Str(Text(r.AttendanceDeduction)); Str(Text(r.Composite));
                Int(r.Grade); Int(r.TiedBeyondQuota ? 1 : 0); Int(r.CountyRank); Int(r.TownshipRank); Str(r.Outcomes); Str(r.Reasons); Str(r.Steps);
                var done = raw.sqlite3_step(statement);
                if (done != raw.SQLITE_DONE)
                {
                    SqliteException.ThrowExceptionForRC(done, handle);
                }
                Check(raw.sqlite3_reset(statement), handle);
            }
        }
        return Task.CompletedTask;
    }

    private static void Check(int rc, sqlite3 handle)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, handle);
        }
    }

    /// <summary>Copies one version's rows to another in the database itself (republishing unchanged results).</summary>
    public static async Task CopyAsync(AppraisalDbContext db, int fromVersionId, int toVersionId, CancellationToken ct)
    {
        var others = s_columns.Skip(1).Select(c => $"\"{c}\"").ToList();
        var sql = $"INSERT INTO \"StoredResults\" (\"{s_columns[0]}\", {string.Join(", ", others)}) SELECT {{0}}, {string.Join(", ", others)} FROM \"StoredResults\" WHERE \"{s_columns[0]}\" = {{1}}";
        await db.Database.ExecuteSqlRawAsync(sql, [toVersionId, fromVersionId], ct);
    }

    /// <summary>
    /// Decimals as EF stores them on SQLite — invariant text without trailing zeros, at least one
    /// decimal ("84.5", "90.0") — so EF reads them back exactly; by hand, as the custom format string
    /// EF uses costs more than the rest of the row.
    /// </summary>
    internal static string? Text(decimal? value)
    {
        if (value is not { } v)
        {
            return null;
        }
        var text = v.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!text.Contains('.'))
        {
            return text + ".0";
        }
        text = text.TrimEnd('0');
        return text.EndsWith('.') ? text + "0" : text;
    }
}
