using Microsoft.EntityFrameworkCore.Storage;
using Longan.Appraisal.Core.Domain.Results;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Longan.Appraisal.Core.Persistence;

/// <summary>
/// Writes a version's results inside the caller's transaction, in a fraction of the time change
/// tracking needs for tens of thousands of rows: on SQLite one prepared INSERT run per row (each
/// a call into the library, no round trip); on PostgreSQL one binary COPY, where a row per round
/// trip would cost a network wait each.
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
        foreach (var r in results)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(r.ResultVersionId, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(r.AssistantId, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(r.TownshipId, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(r.VillageId, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(r.VillagerVotes, NpgsqlDbType.Integer, ct);
            await WriteAsync(copy, r.VillagerScore, ct);
            await WriteAsync(copy, r.SatisfactionRate, ct);
            await WriteAsync(copy, r.DissatisfactionRate, ct);
            await copy.WriteAsync(r.PartyBallots, NpgsqlDbType.Integer, ct);
            await WriteAsync(copy, r.PartyScore, ct);
            await copy.WriteAsync(r.CadreBallots, NpgsqlDbType.Integer, ct);
            await WriteAsync(copy, r.CadreScore, ct);
            await copy.WriteAsync(r.Incomplete, NpgsqlDbType.Boolean, ct);
            await WriteAsync(copy, r.Base, ct);
            await copy.WriteAsync(r.SupervisionAdjustment, NpgsqlDbType.Numeric, ct);
            await copy.WriteAsync(r.AttendanceDeduction, NpgsqlDbType.Numeric, ct);
            await WriteAsync(copy, r.Composite, ct);
            await WriteAsync(copy, r.Grade, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(r.TiedBeyondQuota, NpgsqlDbType.Boolean, ct);
            await WriteAsync(copy, r.CountyRank, NpgsqlDbType.Integer, ct);
            await WriteAsync(copy, r.TownshipRank, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(r.Outcomes, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(r.Reasons, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(r.Steps, NpgsqlDbType.Text, ct);
        }
        await copy.CompleteAsync(ct);
    }

    private static Task WriteAsync(NpgsqlBinaryImporter copy, decimal? value, CancellationToken ct) =>
        value is { } v ? copy.WriteAsync(v, NpgsqlDbType.Numeric, ct) : copy.WriteNullAsync(ct);

    private static Task WriteAsync(NpgsqlBinaryImporter copy, int? value, NpgsqlDbType type, CancellationToken ct) =>
        value is { } v ? copy.WriteAsync(v, type, ct) : copy.WriteNullAsync(ct);

    private static async Task InsertEachAsync(AppraisalDbContext db, IEnumerable<StoredResult> results, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = $"INSERT INTO \"StoredResults\" ({string.Join(", ", s_columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", s_columns.Select((_, i) => $"@p{i}"))})";
        var parameters = s_columns.Select((_, i) =>
        {
            var p = command.CreateParameter();
            p.ParameterName = $"@p{i}";
            command.Parameters.Add(p);
            return p;
        }).ToArray();
        await command.PrepareAsync(ct);
        foreach (var r in results)
        {
            object?[] values =
            [
                r.ResultVersionId, r.AssistantId, r.TownshipId, r.VillageId, r.VillagerVotes, Text(r.VillagerScore), Text(r.SatisfactionRate), Text(r.DissatisfactionRate),
                r.PartyBallots, Text(r.PartyScore), r.CadreBallots, Text(r.CadreScore), r.Incomplete, Text(r.Base), Text(r.SupervisionAdjustment), Text(r.AttendanceDeduction),
                Text(r.Composite), r.Grade, r.TiedBeyondQuota, r.CountyRank, r.TownshipRank, r.Outcomes, r.Reasons, r.Steps,
            ];
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }
            ct.ThrowIfCancellationRequested();
            // SQLite executes synchronously underneath; an await per row would only add overhead.
            command.ExecuteNonQuery();
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
