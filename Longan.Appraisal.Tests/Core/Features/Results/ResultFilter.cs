using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Core.Scoring;

namespace Longan.Appraisal.Tests.Core.Features.Results;

/// <summary>
/// The reference the database's paged filters are checked against (ResultPagingTests): the results table's filters in memory: a search over name, code and village, a township, a grade (null
/// grade = 数据不足 is not filterable, it is its own column value) and an outcome — a particular
/// one, or any at all.
/// </summary>
public sealed record ResultFilter(string? Search = null, string? Township = null, AppraisalGrade? Grade = null, Outcome? Outcome = null, bool AnyOutcome = false)
{
    public bool Matches(ResultRow row)
    {
        var search = Search?.Trim();
        return (string.IsNullOrEmpty(search) || row.Name.Contains(search, StringComparison.Ordinal) || row.Code.Contains(search, StringComparison.OrdinalIgnoreCase) || row.Village.Contains(search, StringComparison.Ordinal))
            && (Township is null || row.Township == Township)
            && (Grade is null || row.Grade == Grade)
            && (!AnyOutcome || row.Outcomes.Count > 0)
            && (Outcome is null || row.Outcomes.Contains(Outcome.Value));
    }
}
