using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Resources;

namespace Longan.Appraisal.Core.Features.Evaluations;

/// <summary>One party-organisation ballot: the five duties, 0–20 each with at most one decimal (spec §3, P).</summary>
public sealed class PartyBallotInput
{
    public string? TicketNo { get; set; }
    public decimal? PolicyAdvocate { get; set; }
    public decimal? PublicOpinion { get; set; }
    public decimal? CivilAgent { get; set; }
    public decimal? DisputeMediator { get; set; }
    public decimal? PartyBuildingGuide { get; set; }
    public string? Comment { get; set; }

    /// <summary>The five duties in ballot order, with their field names and labels.</summary>
    public static IReadOnlyList<(string Field, Func<string> Label)> Duties { get; } =
    [
        (nameof(PolicyAdvocate), () => Messages.LabelPolicyAdvocate),
        (nameof(PublicOpinion), () => Messages.LabelPublicOpinion),
        (nameof(CivilAgent), () => Messages.LabelCivilAgent),
        (nameof(DisputeMediator), () => Messages.LabelDisputeMediator),
        (nameof(PartyBuildingGuide), () => Messages.LabelPartyBuildingGuide),
    ];

    /// <summary>The five scores in the order of <see cref="Duties"/>.</summary>
    public IReadOnlyList<decimal?> Scores => [PolicyAdvocate, PublicOpinion, CivilAgent, DisputeMediator, PartyBuildingGuide];

    /// <summary>The ballot's total, only when all five scores are valid (a preview never adds up a 25 or a blank).</summary>
    public decimal? Total => Scores.All(IsDutyScore) ? Scores.Sum() : null;

    /// <summary>0–20 with at most one decimal (spec §3).</summary>
    public static bool IsDutyScore(decimal? score) =>
        score is { } s && s >= 0 && s <= PartyBallot.MaxDutyScore && decimal.Round(s, 1) == s;

    /// <summary>What is wrong with the ballot on its own, one message per field (the service adds whether the 票号 is taken).</summary>
    public IReadOnlyList<FieldError> Check()
    {
        var validator = new Validator();
        for (var i = 0; i < Duties.Count; i++)
        {
            var (field, label) = Duties[i];
            validator.Check(Scores[i] is not null, field, Messages.FieldRequired(label()));
            validator.Check(Scores[i] is null || IsDutyScore(Scores[i]), field, Messages.DutyScoreInvalid(label(), PartyBallot.MaxDutyScore));
        }
        return validator
            .MaxLength(nameof(TicketNo), Messages.LabelTicketNo, InputText.Code(TicketNo), FieldLimits.Short)
            .MaxLength(nameof(Comment), Messages.LabelComment, Comment, FieldLimits.Comment)
            .Errors;
    }
}
