using System.Globalization;
using System.Linq.Expressions;
using Longan.Appraisal.Core.Domain.Results;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Scoring;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Core.Security.Policies;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Results;

// The results page of a county of 15 000 assistants: the rows it shows, their filters and order,
// and the figures of its charts all come from the database, so a circuit holds one page, not the county.
public sealed partial class ResultQueryService
{
    /// <summary>
    /// The results page's head for a version (the latest when none is named): versions, townships to
    /// filter by, chart figures (spec §6 grades) and how many results the caller may see — a township
    /// its own (spec §1); null when nothing has been computed yet.
    /// </summary>
    public async Task<ResultSummary?> SummaryAsync(Caller caller, int cycleId, int? versionNumber = null, CancellationToken ct = default)
    {
        var township = ResultPolicy.ReadableTownship(caller);
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        if (await ResolveAsync(db, cycleId, versionNumber, asPublished: false, ct) is not { } resolved)
        {
            return null;
        }
        var (cycle, versions, version, _) = resolved;
        var key = (version.Id, version.ComputedAt, township);
        var counts = _counted.TryGetValue(key, out var known) ? known : Remember(key, await CountAsync(db, version.Id, township, ct));

        // Townships are named as they are named today (a renamed township shows its new name).
        var ids = counts.Townships.Select(t => t.TownshipId).ToList();
        var names = await db.Townships.AsNoTracking().Where(t => ids.Contains(t.Id)).Select(t => new { t.Id, t.Name, t.SortOrder }).ToListAsync(ct);
        var townships = (from t in counts.Townships
                         join n in names on t.TownshipId equals n.Id
                         orderby n.SortOrder, n.Id
                         select (Figures: t, n.Name, n.SortOrder)).ToList();
        IReadOnlyList<TownshipComposites> townshipChart = [.. townships.Where(t => t.Figures.Complete > 0).Select(t => new TownshipComposites(
            t.Name, t.SortOrder, t.Figures.Complete, ScoringEngine.Round(t.Figures.SumCents!.Value / 100m / t.Figures.Complete),
            t.Figures.LowestCents!.Value / 100m, t.Figures.HighestCents!.Value / 100m))];

        return new ResultSummary(cycle.Id, cycle.Year, version.Number, version.ComputedAt, version.ComputedBy, version.PublishedAt,
            versions.Select(v => new ResultVersionInfo(v.Number, v.ComputedAt, v.ComputedBy, v.PublishedAt, v.Fingerprint)).Reverse().ToList(),
            [.. townships.Select(t => new ResultTownship(t.Figures.TownshipId, t.Name))], new ResultChartData(counts.Grades, townshipChart, counts.Bands),
            counts.Townships.Sum(t => t.All));
    }

    /// <summary>
    /// A version's chart counts as a caller sees them (the county's, or one township's), kept once
    /// counted: a computed version's rows never change (decisions and publication are not in the
    /// charts), so the page's prerender, its live render and every later visit share one count of
    /// the 15 000 rows. Keyed by the version's moment of computation too, so a version id that is
    /// ever reused is counted afresh. At most <see cref="RememberedCounts"/> sets are kept (a few per
    /// cycle and township, ≈ 2 KB each); past that the oldest versions' are forgotten.
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(int Version, DateTimeOffset ComputedAt, int? Township), VersionCounts> _counted = new();

    private const int RememberedCounts = 512;

    private VersionCounts Remember((int, DateTimeOffset, int?) key, VersionCounts counts)
    {
        if (_counted.Count >= RememberedCounts)
        {
            foreach (var old in _counted.Keys.OrderBy(k => k.Version).Take(RememberedCounts / 4))
            {
                _counted.TryRemove(old, out _);
            }
        }
        return _counted.GetOrAdd(key, counts);
    }

    /// <summary>A township's results in a version: how many, how many complete, and their composites in whole cents.</summary>
    private sealed record TownshipCounts(int TownshipId, int All, int Complete, long? SumCents, long? LowestCents, long? HighestCents);

    /// <summary>What the charts count of a version: grades (spec §6), townships' composites, group score bands.</summary>
    private sealed record VersionCounts(IReadOnlyList<GradeCount> Grades, IReadOnlyList<TownshipCounts> Townships, IReadOnlyList<ScoreBand> Bands);

    /// <summary>The chart figures counted in the database, over the rows the caller may see.</summary>
    private static async Task<VersionCounts> CountAsync(AppraisalDbContext db, int versionId, int? township, CancellationToken ct)
    {
        var visible = Visible(db, versionId, township);

        var grades = await visible.GroupBy(r => r.Grade).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        // Composites are stored rounded to cents (ScoringEngine.Round): as whole cents they sum exactly
        // in integers on both providers (SQLite's decimal aggregates are slow functions over text), and
        // sum, least and greatest are those of the rounded scores the in-memory statistics take.
        var perTownship = await visible.GroupBy(r => r.TownshipId)
            .Select(g => new TownshipCounts(
                g.Key, g.Count(), g.Count(r => r.Composite != null),
                g.Sum(r => (r.Composite == null ? null : (long?)Math.Round((double)r.Composite.Value * 100))),
                g.Min(r => (r.Composite == null ? null : (long?)Math.Round((double)r.Composite.Value * 100))),
                g.Max(r => (r.Composite == null ? null : (long?)Math.Round((double)r.Composite.Value * 100)))))
            .ToListAsync(ct);

        var gradeCounts = grades.ToDictionary(g => g.Key ?? 0, g => g.Count);
        IReadOnlyList<GradeCount> gradeChart =
            [.. Enum.GetValues<AppraisalGrade>().Select(g => new GradeCount(g, gradeCounts.GetValueOrDefault((int)g))), new GradeCount(null, gradeCounts.GetValueOrDefault(0))];
        var edges = ResultStatistics.BandEdges();
        var villagers = await BandCountsAsync(visible, r => r.VillagerScore, edges, ct);
        var party = await BandCountsAsync(visible, r => r.PartyScore, edges, ct);
        var cadres = await BandCountsAsync(visible, r => r.CadreScore, edges, ct);
        IReadOnlyList<ScoreBand> bands = [.. edges.Zip(edges.Skip(1)).Select((band, i) => new ScoreBand(band.First, band.Second, villagers[i], party[i], cadres[i]))];
        return new VersionCounts(gradeChart, perTownship, bands);
    }

    /// <summary>
    /// One page of a version's results table (the latest version when none is named), filtered, sorted
    /// and cut in the database; the same filters as <see cref="ResultFilter"/>, with the effective
    /// outcome (spec §8: 组织部's decision where there is one). A township reads its own rows only
    /// (spec §1). Null when nothing has been computed yet.
    /// </summary>
    /// <param name="knownTotal">
    /// How many rows the same filters let through in the same version, as an earlier page of them
    /// said: another page or another order of them is not counted again. A version's rows never
    /// change, so the count holds — except under an outcome filter, which follows decisions that can
    /// be made in the meantime, and a search, which matches today's names, codes and villages: those
    /// are always counted.
    /// </param>
    public async Task<ResultPage?> PageAsync(Caller caller, int cycleId, int? versionNumber, ResultPageRequest request, CancellationToken ct = default, int? knownTotal = null)
    {
        var township = ResultPolicy.ReadableTownship(caller);
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        if (await ResolveAsync(db, cycleId, versionNumber, asPublished: false, ct) is not { } resolved)
        {
            return null;
        }
        var decisions = resolved.Decisions;
        var results = Filtered(Visible(db, resolved.Version.Id, township), request, decisions);
        var rows = Searched(Named(db, results, withSteps: false), request.Search);
        // Without a search the count needs no names: the results alone, without joining three tables.
        var total = knownTotal is { } known && request.Outcome is null && !request.AnyOutcome && string.IsNullOrWhiteSpace(request.Search) ? known
            : string.IsNullOrWhiteSpace(request.Search) ? await results.CountAsync(ct) : await rows.CountAsync(ct);
        var size = Math.Clamp(request.PageSize, 1, ResultPageRequest.MaxPageSize);
        var page = await Sorted(rows, request.Sort, request.Descending).Skip(Math.Max(request.Page, 0) * size).Take(size).ToListAsync(ct);
        return new ResultPage(total, [.. page.Select(x => x.ToRow(decisions))]);
    }

    /// <summary>The search box: a name, code or village containing the text.</summary>
    private static IQueryable<RowData> Searched(IQueryable<RowData> rows, string? search)
    {
        if (search?.Trim() is not { Length: > 0 } text)
        {
            return rows;
        }
        // Codes are ASCII: upper() folds their case alike on SQLite and PostgreSQL (as OrdinalIgnoreCase did in memory).
        var upper = text.ToUpperInvariant();
#pragma warning disable CA1304, CA1311 // translated to SQL upper(), which has no culture; ToUpperInvariant is not translated
        return rows.Where(x => x.Name.Contains(text) || x.Code.ToUpper().Contains(upper) || x.Village.Contains(text));
#pragma warning restore CA1304, CA1311
    }

    /// <summary>The township, grade and outcome filters, on the stored results themselves.</summary>
    private static IQueryable<StoredResult> Filtered(IQueryable<StoredResult> results, ResultPageRequest request, Dictionary<int, OutcomeDecision> decisions)
    {
        if (request.TownshipId is { } townshipId)
        {
            results = results.Where(r => r.TownshipId == townshipId);
        }
        if (request.Grade is { } grade)
        {
            var value = (int)grade;
            results = results.Where(r => r.Grade == value);
        }
        // A decision replaces the computed outcomes; the few decided assistants are matched by id.
        var decided = decisions.Keys.ToList();
        if (request.AnyOutcome)
        {
            var anyDecided = decisions.Where(d => d.Value.Outcomes.Count > 0).Select(d => d.Key).ToList();
            results = results.Where(r => anyDecided.Contains(r.AssistantId) || (!decided.Contains(r.AssistantId) && r.Outcomes != ""));
        }
        if (request.Outcome is { } outcome)
        {
            var token = "," + ((int)outcome).ToString(CultureInfo.InvariantCulture) + ",";
            var chosen = decisions.Where(d => d.Value.Outcomes.Contains(outcome)).Select(d => d.Key).ToList();
            results = results.Where(r => chosen.Contains(r.AssistantId) || (!decided.Contains(r.AssistantId) && ("," + r.Outcomes + ",").Contains(token)));
        }
        return results;
    }

    /// <summary>
    /// The table's order, the same on SQLite and PostgreSQL: empty values last in both directions
    /// (the two put NULL at opposite ends by default), scores compared as doubles (SQLite cannot
    /// order decimals; their few places convert exactly enough to keep every order), ties broken by
    /// code (ordinal: SQLite's binary collation, PostgreSQL's C) and id.
    /// </summary>
    private static IQueryable<RowData> Sorted(IQueryable<RowData> rows, ResultSort sort, bool descending)
    {
        IOrderedQueryable<RowData> By<T>(IOrderedQueryable<RowData> q, Expression<Func<RowData, T>> key) => descending ? q.ThenByDescending(key) : q.ThenBy(key);
        IOrderedQueryable<RowData> NullsLast(Expression<Func<RowData, bool>> isNull) => rows.OrderBy(isNull);
        var ordered = sort switch
        {
            ResultSort.Name => descending ? rows.OrderByDescending(x => x.Name) : rows.OrderBy(x => x.Name),
            ResultSort.Place => By(By(NullsLast(x => false), x => x.TownshipOrder), x => x.Village),
            ResultSort.Villagers => By(NullsLast(x => x.Villagers == null), x => (double?)x.Villagers),
            ResultSort.Party => By(NullsLast(x => x.Party == null), x => (double?)x.Party),
            ResultSort.Cadres => By(NullsLast(x => x.Cadres == null), x => (double?)x.Cadres),
            ResultSort.Base => By(NullsLast(x => x.Base == null), x => (double?)x.Base),
            ResultSort.Supervision => By(NullsLast(x => false), x => (double)x.Supervision),
            ResultSort.Attendance => By(NullsLast(x => false), x => (double)x.Attendance),
            ResultSort.Composite => By(NullsLast(x => x.Composite == null), x => (double?)x.Composite),
            ResultSort.Grade => By(NullsLast(x => x.Grade == null), x => x.Grade),
            ResultSort.TownshipRank => By(NullsLast(x => x.TownshipRank == null), x => x.TownshipRank),
            _ => By(NullsLast(x => x.CountyRank == null), x => x.CountyRank).ThenBy(x => x.TownshipOrder),
        };
        return ordered.ThenBy(x => x.Code).ThenBy(x => x.AssistantId);
    }

    /// <summary>
    /// How many scores fall in each band between <paramref name="edges"/> (the last includes 100), as
    /// <see cref="ResultStatistics.GroupScoreBands"/> counts them after rounding to cents. Rounding
    /// half away from zero, Round(s) ≥ e exactly when s ≥ e − 0.005, so the database compares the raw
    /// scores with shifted edges and counts what rounding first would, without a row leaving it.
    /// </summary>
    private static async Task<int[]> BandCountsAsync(IQueryable<StoredResult> visible, Expression<Func<StoredResult, decimal?>> score, IReadOnlyList<decimal> edges, CancellationToken ct)
    {
        const decimal half = 0.005m;
        const double near = 1e-9;
        var bands = edges.Count - 1;
        var parameter = score.Parameters[0];
        // Compared as doubles: SQLite compares decimals only through a slow function over their text.
        // A double can misplace only a score within its error of an edge; those few are read back and
        // placed again exactly below, so the counts are the exact ones.
        var s = Expression.Convert(score.Body, typeof(double?));
        var thresholds = edges.Select((e, i) => (double)(i == bands ? e + half : e - half)).ToList();
        // Built from the top: ≥ 100.005 is past the last band, then each band's lower edge downwards.
        Expression index = Expression.Constant(bands);
        for (var i = bands; i >= 0; i--)
        {
            index = Expression.Condition(Expression.LessThan(s, Expression.Constant((double?)thresholds[i], typeof(double?))), Expression.Constant(i - 1), index);
        }
        var band = Expression.Lambda<Func<StoredResult, int>>(index, parameter);
        var notNull = Expression.Lambda<Func<StoredResult, bool>>(Expression.NotEqual(score.Body, Expression.Constant(null, typeof(decimal?))), parameter);
        var counts = await visible.Where(notNull).GroupBy(band).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var result = new int[bands];
        foreach (var c in counts.Where(c => c.Key >= 0 && c.Key < bands))
        {
            result[c.Key] = c.Count;
        }

        var nearAny = thresholds.Select(t => (Expression)Expression.AndAlso(
                Expression.GreaterThanOrEqual(s, Expression.Constant((double?)(t - near), typeof(double?))),
                Expression.LessThanOrEqual(s, Expression.Constant((double?)(t + near), typeof(double?)))))
            .Aggregate(Expression.OrElse);
        var nearEdge = Expression.Lambda<Func<StoredResult, bool>>(nearAny, parameter);
        var read = Expression.Lambda<Func<StoredResult, NearEdge>>(Expression.MemberInit(Expression.New(typeof(NearEdge)),
            Expression.Bind(typeof(NearEdge).GetProperty(nameof(NearEdge.Score))!, score.Body),
            Expression.Bind(typeof(NearEdge).GetProperty(nameof(NearEdge.Band))!, index)), parameter);
        foreach (var row in await visible.Where(notNull).Where(nearEdge).Select(read).ToListAsync(ct))
        {
            if (row.Band >= 0 && row.Band < bands)
            {
                result[row.Band]--;
            }
            if (ResultStatistics.BandOf(row.Score!.Value, edges) is var exact and >= 0)
            {
                result[exact]++;
            }
        }
        return result;
    }

    /// <summary>A score within a double's error of a band edge, with the band the database's doubles put it in.</summary>
    private sealed class NearEdge
    {
        public decimal? Score { get; init; }
        public int Band { get; init; }
    }
}
