using Longan.Appraisal.Core.Domain.Entries;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Persistence.Backups;

/// <summary>What a complete copy must contain, taken from the provider's own context: its migrations and its tables.</summary>
internal sealed class BackupModel
{
    private readonly Dictionary<Type, string> _tables;

    private BackupModel(AppraisalDbContext db)
    {
        Migrations = db.Database.GetMigrations().ToList();
        _tables = db.Model.GetEntityTypes().Where(t => t.GetTableName() is not null && !t.IsOwned())
            .GroupBy(t => t.ClrType).ToDictionary(g => g.Key, g => g.First().GetTableName()!);
        HistoryTable = "__EFMigrationsHistory";
        Tables = [.. _tables.Values.Append(HistoryTable).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        EntryTables = [Table<VillagerTally>(), Table<PartyBallot>(), Table<CadreBallot>(), Table<SupervisionRecord>(), Table<AttendanceMonth>()];
    }

    /// <summary>Every migration of this provider's set, oldest first.</summary>
    public IReadOnlyList<string> Migrations { get; }

    /// <summary>Every table of the model, and EF's migration history.</summary>
    public IReadOnlyList<string> Tables { get; }

    /// <summary>The tables of collected entries (the five kinds of spec §3).</summary>
    public IReadOnlyList<string> EntryTables { get; }

    public string HistoryTable { get; }

    public string Table<T>() => _tables[typeof(T)];

    public static async Task<BackupModel> ReadAsync(IDbContextFactory<AppraisalDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return new BackupModel(db);
    }
}
