using Longan.Appraisal.Core.Scoring;

namespace Longan.Appraisal.Core.Domain.FollowUps;

/// <summary>
/// How the county carried out one effective outcome of a published appraisal (issue 6): the
/// admonishment talk held (date, by whom, notes), the public criticism issued (notice, date), the
/// replacement made (the successor's posting), or the reserve-cadre nomination accepted or rejected
/// with a reason. One per cycle, assistant and outcome; recording it closes the case.
/// </summary>
public sealed class FollowUp
{
    public int Id { get; set; }
    public int CycleId { get; set; }
    public int AssistantId { get; set; }
    public Outcome Kind { get; set; }
    /// <summary>The talk's date, the notice's date, the successor's first day, or the decision's date.</summary>
    public DateOnly Date { get; set; }
    /// <summary>Who held the talk.</summary>
    public string? By { get; set; }
    /// <summary>The notice's number (文号).</summary>
    public string? Reference { get; set; }
    /// <summary>Notes of the talk, the replacement's or the decision's reason.</summary>
    public string? Notes { get; set; }
    /// <summary>For the reserve-cadre list: accepted onto it or not.</summary>
    public bool? Accepted { get; set; }
    /// <summary>For a replacement: the successor's new posting.</summary>
    public int? SuccessorPostingId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedBy { get; set; }
}

/// <summary>How long after publication each follow-up is due (county practice; the spec is silent).</summary>
public static class FollowUpDeadlines
{
    public static int Days(Outcome kind) => kind switch
    {
        Outcome.AdmonishmentTalk => 15,
        Outcome.PublicCriticism => 30,
        Outcome.ReserveCadre => 30,
        Outcome.Replacement => 60,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No follow-up for this outcome."),
    };

    /// <summary>The outcomes that need following through, in the order of spec §8.</summary>
    public static IReadOnlyList<Outcome> Kinds { get; } = [Outcome.ReserveCadre, Outcome.PublicCriticism, Outcome.AdmonishmentTalk, Outcome.Replacement];
}
