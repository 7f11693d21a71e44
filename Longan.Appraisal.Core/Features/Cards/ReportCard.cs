using Longan.Appraisal.Core.Features.Results;

namespace Longan.Appraisal.Core.Features.Cards;

/// <summary>Everything one report card shows (spec report-card.md), already decided: who may see what has been applied.</summary>
public sealed record ReportCard(
    int CycleId,
    int Year,
    CardIdentity Identity,
    ResultRow Result,
    ResultContext Context,
    IReadOnlyList<CardGroup> Groups,
    IReadOnlyList<CardMonth> ShortMonths,
    int AttendanceMonthsRecorded,
    int AttendanceMinDays,
    IReadOnlyList<CardBar> Duties,
    IReadOnlyList<CardBar> GroupBars,
    IReadOnlyList<CardRecord> Records,
    CardComments Comments,
    IReadOnlyList<CardTrend> Trend,
    int VersionNumber,
    DateTimeOffset? PublishedAt,
    string VerificationCode)
{
    /// <summary>Complete results in the county: what 全县排名 runs over.</summary>
    public int CountyComplete => Context.CountyComplete;

    /// <summary>Complete results in the assistant's township: what 乡镇排名 runs over.</summary>
    public int TownshipComplete => Context.TownshipCompleteOf(Result.TownshipId);
}

public sealed record CardIdentity(
    string Code, string Name, string? Gender, string? Ethnicity, DateOnly? BirthDate, string? PoliticalStatus, string? SendingUnitAndPost,
    string Township, string Village, DateOnly TermStart, DateOnly TermEnd);

/// <summary>One evaluation group's line of the breakdown: valid ballots, score, weight applied, weighted points.</summary>
public sealed record CardGroup(string Name, int Ballots, decimal? Score, decimal Weight, decimal? Points)
{
    /// <summary>Of <see cref="Ballots"/>, those cast on phones (spec §11), named beside the count.</summary>
    public int PhoneBallots { get; init; }
}

public sealed record CardMonth(int Month, int Days);

/// <summary>A bar of the card's chart: the assistant's value and the county average.</summary>
public sealed record CardBar(string Label, decimal? Value, decimal? CountyAverage);

/// <summary>A verified (属实) five-elders record, without the supervisor's name.</summary>
public sealed record CardRecord(DateOnly Date, string Nature, string Category, string Description);

/// <summary>
/// Comments under the k = 5 rule (spec §9): a list is null when its anonymous group has fewer than
/// five valid ballots; lists are in a fixed order unrelated to entry order, without dates.
/// </summary>
public sealed record CardComments(IReadOnlyList<string>? Villagers, IReadOnlyList<string> PartyOrganisation, IReadOnlyList<string>? Cadres);

/// <summary>The assistant's result in an earlier published cycle.</summary>
public sealed record CardTrend(int Year, decimal? Composite, string Grade);
