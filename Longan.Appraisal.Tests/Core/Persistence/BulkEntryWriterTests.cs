using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Tests.Core.Persistence;

/// <summary>
/// A row the bulk writer inserts is stored exactly as SaveChanges stores the same entity — every
/// column's stored value (decimals as EF's SQLite text, moments and dates in EF's forms, enums as
/// numbers) and the entity EF reads back — on the run's provider.
/// </summary>
[Trait("Category", "BothProviders")]
public sealed class BulkEntryWriterTests : IAsyncLifetime
{
    private static readonly DateTimeOffset s_moment = new(2026, 3, 18, 9, 30, 15, 123, TimeSpan.FromHours(8));
    private readonly CollectingCounty _county = new();

    public Task InitializeAsync() => _county.InitializeAsync();

    public Task DisposeAsync() => _county.DisposeAsync();

    [Fact]
    public Task WriteAsync_PartyBallot_StoredAsSaveChangesStoresIt() => AssertSameAsEfAsync(ticket => new PartyBallot
    {
        TicketNo = ticket, PolicyAdvocate = 18.5m, PublicOpinion = 20m, CivilAgent = 0m, DisputeMediator = 17.25m, PartyBuildingGuide = 19.50m, Comment = "调解纠纷有耐心",
    });

    [Fact]
    public Task WriteAsync_CadreBallot_StoredAsSaveChangesStoresIt() => AssertSameAsEfAsync(ticket => new CadreBallot { TicketNo = ticket, Grade = CadreGrade.BasicallyCompetent, Comment = null });

    [Fact]
    public Task WriteAsync_VillagerTally_StoredAsSaveChangesStoresIt() => AssertSameAsEfAsync(_ => new VillagerTally { Satisfied = 30, BasicallySatisfied = 8, Dissatisfied = 2, Invalid = 1, Round = "3月会议" });

    [Fact]
    public Task WriteAsync_SupervisionRecord_StoredAsSaveChangesStoresIt() => AssertSameAsEfAsync(_ => new SupervisionRecord
    {
        Date = new DateOnly(2026, 3, 18), SupervisorName = "罗福生", Nature = RecordNature.Issue, Category = RecordCategory.OnDuty, Severity = IssueSeverity.Minor,
        Description = "工作日未在村", Verification = Verification.Confirmed, VerifiedBy = "zzb.admin", VerifiedAt = s_moment.AddMinutes(5), FiledBy = "zzb.admin",
    });

    [Fact]
    public Task WriteAsync_AttendanceMonth_StoredAsSaveChangesStoresIt() => AssertSameAsEfAsync(ticket => new AttendanceMonth
    {
        Month = ticket == "A" ? new DateOnly(2026, 3, 1) : new DateOnly(2026, 4, 1), Days = 18,
    }, differsOnlyIn: [nameof(AttendanceMonth.Month)]);

    /// <param name="make">The entity, given a value that tells the two copies apart where a unique index demands it (票号, month).</param>
    private async Task AssertSameAsEfAsync<T>(Func<string, T> make, string[]? differsOnlyIn = null) where T : Entry
    {
        T Made(string tag)
        {
            var entry = make(tag);
            entry.CycleId = _county.CycleId;
            entry.AssistantId = _county.LangwanAssistant;
            entry.EnteredBy = "user-1";
            entry.CreatedAt = s_moment;
            entry.UpdatedAt = s_moment.AddSeconds(1.5);
            return entry;
        }
        var byEf = Made("A");
        var byBulk = Made("B");
        await using (var db = await _county.Db.OpenAsync())
        {
            db.Summarise(typeof(T));
            db.Add(byEf);
            await db.SaveChangesAsync();
        }
        await using (var db = await _county.Db.OpenAsync())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await BulkEntryWriter.WriteAsync(db, [byBulk], CancellationToken.None);
            await tx.CommitAsync();
        }

        await using var read = await _county.Db.OpenAsync();
        var table = read.Model.FindEntityType(typeof(T))!.GetTableName()!;
        var stored = await StoredRowsAsync(read, table, _county.CycleId);
        Assert.Equal(2, stored.Count);
        var ignored = new HashSet<string>(["Id", .. differsOnlyIn ?? []]);
        foreach (var column in stored[0].Keys.Where(c => !ignored.Contains(c)))
        {
            var (ef, bulk) = (stored[0][column], stored[1][column]);
            // Tickets differ by design; everything else is the same value of the same stored type.
            if (column == "TicketNo")
            {
                Assert.Equal(("A", "B"), (ef, bulk));
                continue;
            }
            Assert.True(Equals(ef, bulk) && ef?.GetType() == bulk?.GetType() && Convert.ToString(ef, CultureInfo.InvariantCulture) == Convert.ToString(bulk, CultureInfo.InvariantCulture), $"{table}.{column}: EF stored {Show(ef)}, the bulk writer {Show(bulk)}.");
        }
        var entities = await read.Set<T>().AsNoTracking().Where(e => e.CycleId == _county.CycleId).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(Comparable(entities[0], ignored), Comparable(entities[1], ignored));
    }

    private static async Task<List<Dictionary<string, object?>>> StoredRowsAsync(AppraisalDbContext db, string table, int cycleId)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" WHERE \"CycleId\" = {cycleId} ORDER BY \"Id\"";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i)));
        }
        return rows;
    }

    private static string Show(object? value) => value is null ? "NULL" : $"{value} ({value.GetType().Name})";

    /// <summary>The entity's stored properties as text (a decimal with its scale, a moment with its offset), but the ignored ones and the 票号 that tells the copies apart.</summary>
    private static string Comparable<T>(T entity, HashSet<string> ignored) where T : Entry
    {
        var values = typeof(T).GetProperties()
            .Where(p => !ignored.Contains(p.Name) && p.Name is not "TicketNo" and not nameof(Entry.Assistant) and not nameof(VillagerTally.PhoneComments) && p.CanWrite)
            .OrderBy(p => p.Name)
            .ToDictionary(p => p.Name, p => p.GetValue(entity) switch
            {
                DateTimeOffset moment => moment.ToString("O", CultureInfo.InvariantCulture),
                decimal number => number.ToString(CultureInfo.InvariantCulture),
                var other => JsonSerializer.Serialize(other),
            });
        return JsonSerializer.Serialize(values);
    }
}
