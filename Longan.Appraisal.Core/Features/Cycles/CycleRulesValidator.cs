using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Resources;

namespace Longan.Appraisal.Core.Features.Cycles;

/// <summary>Checks a cycle's rules before they are saved (spec §4–8): every problem, each named in the UI language.</summary>
public static class CycleRulesValidator
{
    public static IReadOnlyList<FieldError> Validate(CycleRules r)
    {
        var errors = new List<FieldError>();
        void Range(string field, decimal value, decimal min, decimal max)
        {
            if (value < min || value > max)
            {
                errors.Add(new FieldError(field, Messages.RuleOutOfRange(Messages.Get("Rule." + field), min, max)));
            }
        }

        Range(nameof(r.WeightVillagers), r.WeightVillagers, 0, 100);
        Range(nameof(r.WeightParty), r.WeightParty, 0, 100);
        Range(nameof(r.WeightCadres), r.WeightCadres, 0, 100);
        if (r.WeightVillagers + r.WeightParty + r.WeightCadres != 100)
        {
            errors.Add(new FieldError(nameof(r.WeightVillagers), Messages.WeightsMustSumTo100(r.WeightVillagers + r.WeightParty + r.WeightCadres)));
        }
        foreach (var (field, value) in new (string, decimal)[]
                 {
                     (nameof(r.VillagerSatisfiedPoints), r.VillagerSatisfiedPoints), (nameof(r.VillagerBasicPoints), r.VillagerBasicPoints),
                     (nameof(r.VillagerDissatisfiedPoints), r.VillagerDissatisfiedPoints), (nameof(r.CadreExcellentPoints), r.CadreExcellentPoints),
                     (nameof(r.CadreCompetentPoints), r.CadreCompetentPoints), (nameof(r.CadreBasicPoints), r.CadreBasicPoints),
                     (nameof(r.CadreIncompetentPoints), r.CadreIncompetentPoints), (nameof(r.ExcellentFrom), r.ExcellentFrom),
                     (nameof(r.CompetentFrom), r.CompetentFrom), (nameof(r.BasicFrom), r.BasicFrom), (nameof(r.ExcellentQuotaPercent), r.ExcellentQuotaPercent),
                 })
        {
            Range(field, value, 0, 100);
        }
        if (!(r.VillagerSatisfiedPoints >= r.VillagerBasicPoints && r.VillagerBasicPoints >= r.VillagerDissatisfiedPoints))
        {
            errors.Add(new FieldError(nameof(r.VillagerBasicPoints), Messages.VillagerPointsOrder));
        }
        if (!(r.CadreExcellentPoints >= r.CadreCompetentPoints && r.CadreCompetentPoints >= r.CadreBasicPoints && r.CadreBasicPoints >= r.CadreIncompetentPoints))
        {
            errors.Add(new FieldError(nameof(r.CadreCompetentPoints), Messages.CadrePointsOrder));
        }
        if (!(r.ExcellentFrom > r.CompetentFrom && r.CompetentFrom > r.BasicFrom))
        {
            errors.Add(new FieldError(nameof(r.CompetentFrom), Messages.BandsOrder));
        }
        Range(nameof(r.TrimFromBallots), r.TrimFromBallots, 3, 1000);
        // A counted anonymous group must be one an assistant may see (spec §9, k = 5), or the
        // composite would give away a group score the assistant is not allowed to read.
        Range(nameof(r.MinVillagerVotes), r.MinVillagerVotes, Anonymity.MinBallots, 100_000);
        Range(nameof(r.MinPartyBallots), r.MinPartyBallots, 1, 1000);
        Range(nameof(r.MinCadreBallots), r.MinCadreBallots, Anonymity.MinBallots, 1000);
        Range(nameof(r.CommendationPoints), r.CommendationPoints, 0, 100);
        Range(nameof(r.CommendationCap), r.CommendationCap, 0, 100);
        Range(nameof(r.MinorIssuePoints), r.MinorIssuePoints, 0, 100);
        Range(nameof(r.ModerateIssuePoints), r.ModerateIssuePoints, 0, 100);
        Range(nameof(r.SeriousIssuePoints), r.SeriousIssuePoints, 0, 100);
        Range(nameof(r.IssueCap), r.IssueCap, 0, 100);
        Range(nameof(r.AttendanceMinDays), r.AttendanceMinDays, 0, 31);
        Range(nameof(r.AttendancePointsPerDay), r.AttendancePointsPerDay, 0, 100);
        Range(nameof(r.AttendanceCap), r.AttendanceCap, 0, 100);
        Range(nameof(r.ShortMonthsCap), r.ShortMonthsCap, 1, 12);
        Range(nameof(r.AppealWindowDays), r.AppealWindowDays, 0, 365);
        Range(nameof(r.DissatisfiedCapDenominator), r.DissatisfiedCapDenominator, 1, 100);
        Range(nameof(r.DissatisfiedCapNumerator), r.DissatisfiedCapNumerator, 0, 100);
        if (r.DissatisfiedCapNumerator >= r.DissatisfiedCapDenominator)
        {
            errors.Add(new FieldError(nameof(r.DissatisfiedCapNumerator), Messages.DissatisfiedCapNotAFraction));
        }
        if (!Enum.IsDefined(r.ExcellentQuotaScope))
        {
            errors.Add(new FieldError(nameof(r.ExcellentQuotaScope), Messages.FieldRequired(Messages.Get("Rule." + nameof(r.ExcellentQuotaScope)))));
        }
        foreach (var (field, value) in new (string, decimal)[]
                 {
                     (nameof(r.WeightVillagers), r.WeightVillagers), (nameof(r.WeightParty), r.WeightParty), (nameof(r.WeightCadres), r.WeightCadres),
                     (nameof(r.AttendancePointsPerDay), r.AttendancePointsPerDay),
                 })
        {
            if (decimal.Round(value, 2) != value)
            {
                errors.Add(new FieldError(field, Messages.AtMostTwoDecimals(Messages.Get("Rule." + field))));
            }
        }
        return errors;
    }
}
