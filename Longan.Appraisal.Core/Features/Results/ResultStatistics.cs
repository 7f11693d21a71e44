using Longan.Appraisal.Core.Scoring;

namespace Longan.Appraisal.Core.Features.Results;

/// <summary>How many assistants got a grade; a null grade counts the incomplete (数据不足).</summary>
public sealed record GradeCount(AppraisalGrade? Grade, int Count);

/// <summary>A township's composite scores among its complete assistants.</summary>
public sealed record TownshipComposites(string Township, int Order, int Complete, decimal Average, decimal Lowest, decimal Highest);

/// <summary>How many group scores fall in [From, To) — the last band includes 100 — per evaluation group.</summary>
public sealed record ScoreBand(decimal From, decimal To, int Villagers, int Party, int Cadres);

/// <summary>The figures behind the results charts, computed from the rows a caller may see.</summary>
public static class ResultStatistics
{
    /// <summary>Every grade in order, then 数据不足, including zero counts so charts keep their colours.</summary>
    public static IReadOnlyList<GradeCount> Grades(IReadOnlyCollection<ResultRow> rows) =>
        [.. Enum.GetValues<AppraisalGrade>().Select(g => new GradeCount(g, rows.Count(r => r.Grade == g))),
            new GradeCount(null, rows.Count(r => r.Grade is null))];

    /// <summary>Per township in the county's order: average (rounded to 2 decimals), lowest and highest rounded composite.</summary>
    public static IReadOnlyList<TownshipComposites> Townships(IReadOnlyCollection<ResultRow> rows) =>
        rows.Where(r => r.Composite is not null)
            .GroupBy(r => (r.TownshipOrder, r.Township))
            .OrderBy(g => g.Key.TownshipOrder)
            .Select(g =>
            {
                var scores = g.Select(r => ScoringEngine.Round(r.Composite!.Value)).ToList();
                return new TownshipComposites(g.Key.Township, g.Key.TownshipOrder, scores.Count, ScoringEngine.Round(scores.Average()), scores.Min(), scores.Max());
            })
            .ToList();

    /// <summary>
    /// Group scores in bands of <paramref name="width"/> points from <paramref name="floor"/> to 100, with
    /// everything below the floor in a first band from 0; groups without a score are left out.
    /// </summary>
    public static IReadOnlyList<ScoreBand> GroupScoreBands(IReadOnlyCollection<ResultRow> rows, decimal floor = 60m, decimal width = 5m)
    {
        var edges = BandEdges(floor, width);
        int Count(Func<ResultRow, decimal?> group, int band) => rows.Count(r => group(r) is { } s && BandOf(s, edges) == band);
        return edges.Zip(edges.Skip(1))
            .Select((band, i) => new ScoreBand(band.First, band.Second, Count(r => r.Villagers, i), Count(r => r.Party, i), Count(r => r.Cadres, i)))
            .ToList();
    }

    /// <summary>Which band between <paramref name="edges"/> a score falls in once rounded to cents (the last band includes its top); −1 when in none.</summary>
    public static int BandOf(decimal score, IReadOnlyList<decimal> edges)
    {
        var v = ScoringEngine.Round(score);
        for (var i = 0; i < edges.Count - 1; i++)
        {
            if (v >= edges[i] && (v < edges[i + 1] || (i == edges.Count - 2 && v <= edges[i + 1])))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>The edges of the score bands: 0, then from <paramref name="floor"/> every <paramref name="width"/> points, then 100.</summary>
    public static IReadOnlyList<decimal> BandEdges(decimal floor = 60m, decimal width = 5m)
    {
        var edges = floor > 0m ? new List<decimal> { 0m } : [];
        for (var edge = floor; edge < 100m; edge += width)
        {
            edges.Add(edge);
        }
        edges.Add(100m);
        return edges;
    }
}
