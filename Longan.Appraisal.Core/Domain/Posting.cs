namespace Longan.Appraisal.Core.Domain;

/// <summary>
/// A term of an assistant in a village (spec §1): planned from <see cref="StartDate"/> to
/// <see cref="PlannedEndDate"/> (default two years); <see cref="EndedOn"/> is set when the term is
/// actually ended. Ended postings are kept as history.
/// </summary>
public sealed class Posting
{
    /// <summary>The default length of a term in years (spec §1).</summary>
    public const int DefaultTermYears = 2;

    public int Id { get; set; }
    public int AssistantId { get; set; }
    public Assistant? Assistant { get; set; }
    public int VillageId { get; set; }
    public Village? Village { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly PlannedEndDate { get; set; }
    public DateOnly? EndedOn { get; set; }
    public string? EndReason { get; set; }

    public bool IsCurrent => EndedOn is null;

    public static DateOnly DefaultPlannedEnd(DateOnly start) => start.AddYears(DefaultTermYears).AddDays(-1);
}
