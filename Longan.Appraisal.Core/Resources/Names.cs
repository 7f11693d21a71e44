using Longan.Appraisal.Core.Scoring;

namespace Longan.Appraisal.Core.Resources;

/// <summary>Grades and outcomes by name, in the current UI language, the same way everywhere they are shown.</summary>
public static class Names
{
    /// <summary>A grade's name; no grade (an incomplete assistant) is "数据不足".</summary>
    public static string Grade(AppraisalGrade? grade) => Messages.Get(grade is { } g ? "Grade." + g : "Grade.Insufficient");

    /// <summary>Outcomes by name joined with "；" in their order (spec §8); an empty string for none.</summary>
    public static string Outcomes(IEnumerable<Outcome> outcomes) => string.Join("；", outcomes.Select(o => Messages.Get("Outcome." + o)));
}
