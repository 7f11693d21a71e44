using Longan.Appraisal.Core.Resources;

namespace Longan.Appraisal.Core.Scoring;

/// <summary>
/// One step of how a result was reached: a message key and its values, rendered in the reader's
/// language (Messages "Explain.*"). The engine stays pure; the words live with the other texts.
/// </summary>
public sealed record Explanation(string Key, params object[] Args)
{
    public string Render() => Messages.Format("Explain." + Key, Args.Select(Word).ToArray());

    /// <summary>Grades, outcomes and groups are shown by name in the reader's language.</summary>
    /// <remarks>Arrays are told apart by exact type: the runtime lets one int-based enum array pass for another.</remarks>
    private static object Word(object arg) => arg switch
    {
        AppraisalGrade grade => Messages.Get("Grade." + grade),
        Outcome[] outcomes when arg.GetType() == typeof(Outcome[]) =>
            outcomes.Length == 0 ? Messages.OutcomeNone : Names.Outcomes(outcomes),
        EvaluationGroup[] groups when arg.GetType() == typeof(EvaluationGroup[]) => string.Join("、", groups.Select(g => Messages.Get("Group." + g))),
        _ => arg,
    };
}
