using Longan.Appraisal.Core.Domain;

namespace Longan.Appraisal.Core.Features.Cycles;

/// <param name="Rules">A copy of the rules; editing it changes nothing until saved.</param>
/// <param name="Transitions">Every state change, oldest first.</param>
/// <param name="Rights">What the caller may do with it now.</param>
public sealed record CycleDetail(int Id, int Year, CycleState State, CycleRules Rules, IReadOnlyList<CycleTransition> Transitions, CycleRights Rights)
{
    public bool RulesEditable => State == CycleState.Draft;
}
