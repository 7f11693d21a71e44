using Longan.Appraisal.Core.Scoring;

namespace Longan.Appraisal.Core.Features.Results;

/// <summary>组织部's decision replacing an assistant's computed 处理建议, with who made it, when and why.</summary>
public sealed record OutcomeDecision(IReadOnlyList<Outcome> Outcomes, string Reason, string By, DateTimeOffset At);

/// <summary>One line of an assistant's override history: a decision, or its withdrawal.</summary>
public sealed record OutcomeDecisionEntry(OutcomeDecision Decision, bool Withdrawn);
