using Longan.Appraisal.Core.Scoring;

namespace Longan.Appraisal.Core.Features.Results;

/// <summary>What the results table sorts by; every order ends on the assistant's code, then id, so pages never overlap.</summary>
public enum ResultSort
{
    /// <summary>全县排名, the incomplete last; ties in county order (township, then code).</summary>
    Rank,
    Name,
    /// <summary>Township in the county's order, then village.</summary>
    Place,
    Villagers,
    Party,
    Cadres,
    Base,
    Supervision,
    Attendance,
    Composite,
    Grade,
    TownshipRank,
}

/// <summary>
/// One page of the results table: the filters of <see cref="ResultFilter"/> (the township by id),
/// an order, and which page. Pages count from 0.
/// </summary>
public sealed record ResultPageRequest(
    string? Search = null, int? TownshipId = null, AppraisalGrade? Grade = null, Outcome? Outcome = null, bool AnyOutcome = false,
    ResultSort Sort = ResultSort.Rank, bool Descending = false, int Page = 0, int PageSize = 50)
{
    /// <summary>The largest page the table offers; a bigger request is cut to it so one circuit never holds the county.</summary>
    public const int MaxPageSize = 1000;
}

/// <summary>One page of rows and how many rows the filters let through in all.</summary>
public sealed record ResultPage(int Total, IReadOnlyList<ResultRow> Rows);

/// <summary>A township that has rows in a version, for the table's township filter.</summary>
public sealed record ResultTownship(int Id, string Name);

/// <summary>The figures behind the results charts (see <see cref="ResultStatistics"/>), counted in the database.</summary>
public sealed record ResultChartData(IReadOnlyList<GradeCount> Grades, IReadOnlyList<TownshipComposites> Townships, IReadOnlyList<ScoreBand> Bands);

/// <summary>
/// A result version as the results page opens it, without rows: which version, the cycle's other
/// versions, the townships to filter by, the charts, and how many results the caller may see.
/// </summary>
public sealed record ResultSummary(
    int CycleId, int Year, int VersionNumber, DateTimeOffset ComputedAt, string ComputedBy, DateTimeOffset? PublishedAt,
    IReadOnlyList<ResultVersionInfo> Versions, IReadOnlyList<ResultTownship> Townships, ResultChartData Charts, int Total);
