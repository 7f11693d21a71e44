namespace Longan.Appraisal.Core.Features.Evaluations;

/// <summary>
/// Villager votes added up over tallies (spec §4): N = S + B + D (无效 recorded, not counted),
/// 满意率 = (S + B) / N, 不满意率 = D / N. Rates are null while N is 0.
/// </summary>
public sealed record VillagerCounts(int Satisfied, int BasicallySatisfied, int Dissatisfied, int Invalid)
{
    public static VillagerCounts Zero { get; } = new(0, 0, 0, 0);

    public int Counted => Satisfied + BasicallySatisfied + Dissatisfied;

    public decimal? SatisfactionRate => Counted == 0 ? null : (decimal)(Satisfied + BasicallySatisfied) / Counted;

    public decimal? DissatisfactionRate => Counted == 0 ? null : (decimal)Dissatisfied / Counted;

    public VillagerCounts Plus(int satisfied, int basic, int dissatisfied, int invalid) =>
        new(Satisfied + satisfied, BasicallySatisfied + basic, Dissatisfied + dissatisfied, Invalid + invalid);
}
