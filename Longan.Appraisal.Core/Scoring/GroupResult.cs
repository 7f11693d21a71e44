namespace Longan.Appraisal.Core.Scoring;

/// <summary>One evaluation group's outcome (spec §4): valid ballots, the score, and what trimming dropped.</summary>
/// <param name="Weight">The weight in percent actually applied (after renormalising), 0 when not counted.</param>
/// <param name="Total">The sum of the values counted (after trimming); Score = Total / Counted.</param>
/// <param name="Counted">How many values were counted.</param>
public sealed record GroupResult(int Count, decimal? Score, bool Sufficient, IReadOnlyList<decimal> Dropped, decimal Weight, decimal Total = 0, int Counted = 0)
{
    /// <summary>The score rounded to 2 decimals, as ranks and tie-breaks use it (spec §5).</summary>
    public decimal? Rounded => Score is { } s ? ScoringEngine.Round(s) : null;
}
