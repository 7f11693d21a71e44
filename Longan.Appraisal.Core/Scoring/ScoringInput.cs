using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Entries;

namespace Longan.Appraisal.Core.Scoring;

/// <summary>Everything the engine needs about one assistant in a cycle (spec §3); only verified (属实) records.</summary>
public sealed record AssistantInputs(
    int AssistantId,
    int TownshipId,
    int Satisfied,
    int BasicallySatisfied,
    int Dissatisfied,
    int Invalid,
    IReadOnlyList<decimal> PartyTotals,
    IReadOnlyList<CadreGrade> CadreGrades,
    IReadOnlyList<VerifiedRecord> VerifiedRecords,
    IReadOnlyList<MonthDays> Attendance)
{
    /// <summary>Of the counted villager votes, those cast on phones (spec §11): counted alike, named in the explanation.</summary>
    public int PhoneVillagerVotes { get; init; }
    /// <summary>Of the cadre ballots, those cast on phones.</summary>
    public int PhoneCadreBallots { get; init; }
}

/// <summary>A 属实 five-elders record: a commendation, or an issue with its severity.</summary>
public sealed record VerifiedRecord(RecordNature Nature, IssueSeverity? Severity);

/// <summary>Days in the village in one recorded month (1–12).</summary>
public sealed record MonthDays(int Month, int Days);

/// <summary>A cycle's rules and all its assistants' inputs.</summary>
public sealed record ScoringInput(CycleRules Rules, IReadOnlyList<AssistantInputs> Assistants);
