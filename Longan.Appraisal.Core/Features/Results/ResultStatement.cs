using Longan.Appraisal.Core.Scoring;

namespace Longan.Appraisal.Core.Features.Results;

/// <summary>
/// What a result says of an assistant — composite, grade and the outcome in force — the part they
/// can appeal and a card states. Two versions with the same statement are the same result for that
/// assistant: a republication leaves their appeal window and their filed card as they were, and an
/// appeal cannot be answered "adjusted".
/// </summary>
public readonly record struct ResultStatement(decimal? Composite, AppraisalGrade? Grade, string Outcomes)
{
    public static ResultStatement Of(decimal? composite, AppraisalGrade? grade, IEnumerable<Outcome> outcomes) =>
        new(composite, grade, string.Join(',', outcomes.Select(o => (int)o)));
}
