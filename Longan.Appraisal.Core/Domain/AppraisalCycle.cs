namespace Longan.Appraisal.Core.Domain;

/// <summary>考核年度: one appraisal of the county's assistants, with its own rules (spec §2).</summary>
public sealed class AppraisalCycle
{
    public int Id { get; set; }
    public int Year { get; set; }
    public CycleState State { get; set; } = CycleState.Draft;
    public CycleRules Rules { get; set; } = new();
    public DateTimeOffset CreatedAt { get; set; }
    public List<CycleTransition> Transitions { get; set; } = [];

    /// <summary>Whether evaluations, records and attendance may be entered (spec §2).</summary>
    public bool IsCollecting => State == CycleState.Collecting;

    /// <summary>The moves spec §2 allows; going back needs a written reason.</summary>
    public static bool IsAllowed(CycleState from, CycleState to) => (from, to) switch
    {
        (CycleState.Draft, CycleState.Collecting) => true,
        (CycleState.Collecting, CycleState.Review) => true,
        (CycleState.Review, CycleState.Published) => true,
        (CycleState.Review, CycleState.Collecting) => true,
        (CycleState.Published, CycleState.Review) => true,
        _ => false,
    };

    /// <summary>A move back (reopening) must say why.</summary>
    public static bool NeedsReason(CycleState from, CycleState to) => to < from;
}
