using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Tests.Core.Features.Persistence;

/// <summary>
/// The same county on SQLite and on PostgreSQL gives the same results to the last character: the
/// fingerprint, every number and every explanation step. (Needs the test server .ci/test starts:
/// LONGAN_TEST_POSTGRES.)
/// </summary>
public sealed class ProvidersAgreeTests
{
    [Fact]
    public async Task DemoCounty_SeededAndComputedOnEachProvider_SameFingerprintAndRows()
    {
        await using var sqlite = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, demoCounty: true);
        await using var postgres = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSQL, demoCounty: true);

        var (sqliteVersions, sqliteRows) = await ResultsAsync(sqlite);
        var (postgresVersions, postgresRows) = await ResultsAsync(postgres);

        Assert.NotEmpty(sqliteRows);
        Assert.Equal(sqliteVersions, postgresVersions);
        Assert.Equal(sqliteRows, postgresRows);
    }

    [Theory]
    [InlineData("80", "80.0")]
    [InlineData("80.00", "80.0")]
    [InlineData("66.90", "66.9")]
    [InlineData("71.43", "71.43")]
    [InlineData("0", "0.0")]
    [InlineData("-2.50", "-2.5")]
    [InlineData("74.904285714285714285714285715", "74.904285714285714285714285715")]
    public void Canonical_IsTheShapeEfGivesOnSqlite(string stored, string read)
    {
        var value = decimal.Parse(stored, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(read, StoredDecimal.Canonical(value).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(BulkResultWriter.Text(value), StoredDecimal.Canonical(value).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<(List<string> Versions, List<string> Rows)> ResultsAsync(TestDatabase database)
    {
        await using var db = await database.OpenAsync();
        var versions = await db.ResultVersions.OrderBy(v => v.CycleId).ThenBy(v => v.Number).Select(v => v.Number + " " + v.Fingerprint).ToListAsync();
        var rows = (await db.StoredResults.AsNoTracking().OrderBy(r => r.ResultVersionId).ThenBy(r => r.AssistantId).ToListAsync())
            .Select(r => string.Join("|", r.AssistantId, r.VillagerVotes, r.VillagerScore, r.SatisfactionRate, r.DissatisfactionRate, r.PartyBallots, r.PartyScore,
                r.CadreBallots, r.CadreScore, r.Incomplete, r.Base, r.SupervisionAdjustment, r.AttendanceDeduction, r.Composite, r.Grade, r.TiedBeyondQuota,
                r.CountyRank, r.TownshipRank, r.Outcomes, r.Reasons, r.Steps))
            .ToList();
        return (versions, rows);
    }
}
