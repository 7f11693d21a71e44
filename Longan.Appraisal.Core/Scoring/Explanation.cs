using Longan.Appraisal.Core.Resources;

namespace Longan.Appraisal.Core.Scoring;

/// <summary>
/// One step of how a result was reached: a message key and its values, rendered in the reader's
/// language (Messages "Explain.*"). The engine stays pure; the words live with the other texts.
/// </summary>
public sealed record Explanation(string Key, params object[] Args)
{
    public string Render() => Messages.Format("Explain." + Key, Args.Select(Word).ToArray());

    /// <summary>Grades and outcomes are shown by name in the reader's language.</summary>
    private static object Word(object arg) => arg switch
    {
        AppraisalGrade grade => Messages.Get("Grade." + grade),
        Outcome[] outcomes => outcomes.Length == 0 ? "—" : string.Join("；", outcomes.Select(o => Messages.Get("Outcome." + o))),
        _ => arg,
    };
}
