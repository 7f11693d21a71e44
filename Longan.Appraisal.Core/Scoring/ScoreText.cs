using System.Globalization;

namespace Longan.Appraisal.Core.Scoring;

/// <summary>How points are written wherever they are shown (pages, cards): two decimals as spec §5 rounds them.</summary>
public static class ScoreText
{
    /// <summary>A score: two decimals, half away from zero.</summary>
    public static string Of(decimal score) => ScoringEngine.Round(score).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>An adjustment with its sign (+2.00, −5.50, 0.00), in the same column as scores.</summary>
    public static string Signed(decimal points) => ScoringEngine.Round(points).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);
}
