using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Longan.Appraisal.Core;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Results;
using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Persistence.Seeding;
using Longan.Appraisal.Core.Scoring;
using Longan.Appraisal.Core.Security;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Longan.Appraisal.Benchmarks;

/// <summary>
/// Computing a 15 000-assistant synthetic county against its floor: one plain SQL pass over the same
/// input tables (the baseline), and each part of computing on its own (read, score, encode,
/// insert) to show where the time goes. The database is generated once into LONGAN_BENCH_DB (default
/// /tmp/longan-bench.db) and reused by later runs.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ComputeBenchmarks
{
    private const int Assistants = 15_000;
    private const int Year = 2026;
    private ServiceProvider _services = default!;
    private string _connectionString = default!;
    private int _cycleId;
    private CycleRules _rules = default!;
    private List<AssistantInputs> _inputs = default!;
    private Dictionary<int, int> _villages = default!;
    private IReadOnlyList<AssistantResult> _results = default!;
    private List<StoredResult> _rows = default!;

    [GlobalSetup]
    public void Setup()
    {
        var path = Environment.GetEnvironmentVariable("LONGAN_BENCH_DB") ?? Path.Combine(Path.GetTempPath(), "longan-bench.db");
        _connectionString = $"Data Source={path}";
        _services = new ServiceCollection().AddLogging().AddAppraisalCore(_connectionString).BuildServiceProvider();
        var factory = _services.GetRequiredService<IDbContextFactory<AppraisalDbContext>>();
        AppraisalDatabase.MigrateAsync(factory).GetAwaiter().GetResult();
        _cycleId = _services.GetRequiredService<SyntheticCounty>().GenerateAsync(Assistants, Year).GetAwaiter().GetResult().CycleId;
        // The parts after the read start from the county's inputs, read once here.
        using var db = factory.CreateDbContext();
        var cycle = db.Cycles.AsNoTracking().Single(c => c.Id == _cycleId);
        _rules = cycle.Rules;
        (_inputs, _villages) = ResultService.LoadInputsAsync(db, cycle, default).GetAwaiter().GetResult();
        _results = ScoringEngine.Score(new ScoringInput(_rules, _inputs));
        var version = db.ResultVersions.AsNoTracking().Where(v => v.CycleId == _cycleId).OrderByDescending(v => v.Id).Select(v => v.Id).FirstOrDefault();
        _rows = _results.Select(r => ResultService.Store(r, version, _villages[r.AssistantId])).ToList();
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    /// <summary>The floor: every input row of the cycle read once with plain SQL, villager tallies summed by the database.</summary>
    [Benchmark(Baseline = true)]
    public long PlainSqlAggregation()
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        long sink = 0;
        foreach (var sql in new[]
        {
            "SELECT AssistantId, SUM(Satisfied), SUM(BasicallySatisfied), SUM(Dissatisfied), SUM(Invalid) FROM VillagerTallies WHERE CycleId = $c GROUP BY AssistantId",
            "SELECT AssistantId, PolicyAdvocate + PublicOpinion + CivilAgent + DisputeMediator + PartyBuildingGuide FROM PartyBallots WHERE CycleId = $c",
            "SELECT AssistantId, Grade FROM CadreBallots WHERE CycleId = $c",
            "SELECT AssistantId, Nature, Severity FROM SupervisionRecords WHERE CycleId = $c AND Verification = 2",
            "SELECT AssistantId, Month, Days FROM AttendanceMonths WHERE CycleId = $c",
        })
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$c", _cycleId);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                sink += reader.GetInt64(0) + (reader.IsDBNull(1) ? 0 : 1);
            }
        }
        return sink;
    }

    /// <summary>What compute reads: the roster and every input, through EF, with the fingerprint.</summary>
    [Benchmark]
    public async Task<string> LoadInputs()
    {
        await using var db = await _services.GetRequiredService<IDbContextFactory<AppraisalDbContext>>().CreateDbContextAsync();
        var cycle = await db.Cycles.AsNoTracking().SingleAsync(c => c.Id == _cycleId);
        var (inputs, villages) = await ResultService.LoadInputsAsync(db, cycle, default);
        return ResultService.Fingerprint(cycle.Rules, inputs, villages);
    }

    /// <summary>The engine alone on the county's inputs: groups, composite, caps, quota, ranks.</summary>
    [Benchmark]
    public int Score() => ScoringEngine.Score(new ScoringInput(_rules, _inputs)).Count;

    /// <summary>What storing does before the database: every result as a row, its steps and reasons encoded (in parallel, as compute does).</summary>
    [Benchmark]
    public int EncodeRows() => _results.AsParallel().AsOrdered().Select(r => ResultService.Store(r, 1, _villages[r.AssistantId])).Sum(r => r.Steps.Length);

    /// <summary>The insert alone: the county's rows written as a new version's, then rolled back so each iteration writes the same.</summary>
    [Benchmark]
    public async Task<int> InsertRows()
    {
        await using var db = await _services.GetRequiredService<IDbContextFactory<AppraisalDbContext>>().CreateDbContextAsync(Caller.System, default);
        await using var tx = await db.Database.BeginTransactionAsync();
        var version = new ResultVersion { CycleId = _cycleId, Number = int.MaxValue, Fingerprint = "bench", ComputedAt = DateTimeOffset.UnixEpoch, ComputedBy = "bench" };
        db.ResultVersions.Add(version);
        await db.SaveChangesAsync();
        foreach (var row in _rows)
        {
            row.ResultVersionId = version.Id;
        }
        await BulkResultWriter.WriteAsync(db, _rows, default);
        await tx.RollbackAsync();
        return _rows.Count;
    }

    [IterationSetup(Target = nameof(ComputeNewVersion))]
    public void ForgetStoredVersions()
    {
        using var db = _services.GetRequiredService<IDbContextFactory<AppraisalDbContext>>().CreateDbContext();
        db.ResultVersions.Where(v => v.CycleId == _cycleId).ExecuteDelete();
    }

    /// <summary>compute end to end in process: load, fingerprint, score, store a new version.</summary>
    [Benchmark]
    public async Task<int> ComputeNewVersion() => (await _services.GetRequiredService<ResultService>().ComputeAsync(Caller.System, _cycleId)).Assistants;
}
