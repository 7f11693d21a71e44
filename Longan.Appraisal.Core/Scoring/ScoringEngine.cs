using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Entries;

namespace Longan.Appraisal.Core.Scoring;

/// <summary>
/// The appraisal's arithmetic (spec §4–8): rules and inputs in, results and explanations out. Pure:
/// no database, no clock, no I/O; decimal arithmetic, rounding only where the spec says (the
/// composite, half away from zero); the same inputs in any order give the same results.
/// </summary>
public static class ScoringEngine
{
    /// <summary>
    /// The arithmetic's version, part of every result fingerprint: raise it whenever a change could
    /// alter any result, so recomputing after an upgrade makes a new version instead of "unchanged".
    /// </summary>
    public const int Version = 2;

    public static decimal Round(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero);

    public static IReadOnlyList<AssistantResult> Score(ScoringInput input)
    {
        var rules = input.Rules;
        // Each assistant's own arithmetic is independent of the others: spread over the cores, kept in order.
        var drafts = input.Assistants.OrderBy(a => a.AssistantId).AsParallel().AsOrdered().Select(a => ScoreOne(a, rules)).ToList();
        ApplyQuota(drafts, rules);
        Rank(drafts);
        return drafts.Select(d => d.ToResult(rules)).ToList();
    }

    /// <summary>§4–6 for one assistant: groups, composite, band and caps (the quota needs everyone, so comes later).</summary>
    private static Draft ScoreOne(AssistantInputs a, CycleRules rules)
    {
        var steps = new List<Explanation>();
        var reasons = new List<Explanation>();

        // §4 V: (pS·S + pB·B + pD·D) / N, N = S + B + D; 无效 recorded, not counted.
        var n = a.Satisfied + a.BasicallySatisfied + a.Dissatisfied;
        decimal? satisfaction = n == 0 ? null : (decimal)(a.Satisfied + a.BasicallySatisfied) / n;
        decimal? dissatisfaction = n == 0 ? null : (decimal)a.Dissatisfied / n;
        var vSufficient = n >= rules.MinVillagerVotes;
        var vTotal = rules.VillagerSatisfiedPoints * a.Satisfied + rules.VillagerBasicPoints * a.BasicallySatisfied + rules.VillagerDissatisfiedPoints * a.Dissatisfied;
        decimal? v = n == 0 ? null : vTotal / n;
        steps.Add(vSufficient
            ? new Explanation("Villagers", a.Satisfied, a.BasicallySatisfied, a.Dissatisfied, a.Invalid, n, Round(v!.Value), Percent(satisfaction), Percent(dissatisfaction))
            : new Explanation("VillagersInsufficient", n, rules.MinVillagerVotes));
        // §11: phone votes count exactly like paper; the explanation names the source when there are any.
        if (a.PhoneVillagerVotes > 0)
        {
            steps.Add(new Explanation("VillagersSources", n - a.PhoneVillagerVotes, a.PhoneVillagerVotes));
        }

        // §4 P and C: mean of ballot values, one highest and one lowest dropped from TrimFromBallots on.
        var party = Trimmed(a.PartyTotals, rules, rules.MinPartyBallots);
        steps.Add(party.Sufficient ? GroupStep("Party", party) : new Explanation("PartyInsufficient", party.Count, rules.MinPartyBallots));
        var cadreValues = a.CadreGrades.Select(g => g switch
        {
            CadreGrade.Excellent => rules.CadreExcellentPoints,
            CadreGrade.Competent => rules.CadreCompetentPoints,
            CadreGrade.BasicallyCompetent => rules.CadreBasicPoints,
            _ => rules.CadreIncompetentPoints,
        }).ToList();
        var cadres = Trimmed(cadreValues, rules, rules.MinCadreBallots);
        steps.Add(cadres.Sufficient ? GroupStep("Cadres", cadres) : new Explanation("CadresInsufficient", cadres.Count, rules.MinCadreBallots));
        if (a.PhoneCadreBallots > 0)
        {
            steps.Add(new Explanation("CadresSources", a.CadreGrades.Count - a.PhoneCadreBallots, a.PhoneCadreBallots));
        }

        // §5 weights, renormalised over sufficient groups when the cycle says so.
        var allSufficient = vSufficient && party.Sufficient && cadres.Sufficient;
        var (incomplete, vWeight, pWeight, cWeight) = Weights(rules, vSufficient, party.Sufficient, cadres.Sufficient);
        var vGroup = new GroupResult(n, vSufficient ? v : null, vSufficient, [], vWeight, vTotal, n);
        var pGroup = party with { Weight = pWeight };
        var cGroup = cadres with { Weight = cWeight };

        // §5 supervision: + min(cap, commendations) − min(cap, issue deductions); only 属实 records arrive here.
        var commendations = a.VerifiedRecords.Count(r => r.Nature == RecordNature.Commendation);
        var issuePoints = a.VerifiedRecords.Where(r => r.Nature == RecordNature.Issue).Sum(r => r.Severity switch
        {
            IssueSeverity.Serious => rules.SeriousIssuePoints,
            IssueSeverity.Moderate => rules.ModerateIssuePoints,
            _ => rules.MinorIssuePoints,
        });
        var plus = Math.Min(rules.CommendationCap, commendations * rules.CommendationPoints);
        var minus = Math.Min(rules.IssueCap, issuePoints);
        var supervision = plus - minus;
        steps.Add(new Explanation("Supervision", commendations, plus, a.VerifiedRecords.Count(r => r.Nature == RecordNature.Issue), minus, supervision));

        // §5 attendance: 0.5 a missing day in each recorded month under 20 days, capped; unrecorded months deduct nothing.
        var shortMonths = a.Attendance.Where(m => m.Days < rules.AttendanceMinDays).OrderBy(m => m.Month).ToList();
        var attendance = Math.Min(rules.AttendanceCap, shortMonths.Sum(m => rules.AttendancePointsPerDay * (rules.AttendanceMinDays - m.Days)));
        steps.Add(shortMonths.Count == 0
            ? new Explanation("AttendanceFull", a.Attendance.Count)
            : new Explanation("AttendanceShort", string.Join("、", shortMonths.Select(m => $"{m.Month}月{m.Days}天")), attendance));

        if (incomplete)
        {
            var missing = new List<EvaluationGroup>();
            if (!vSufficient) { missing.Add(EvaluationGroup.Villagers); }
            if (!party.Sufficient) { missing.Add(EvaluationGroup.Party); }
            if (!cadres.Sufficient) { missing.Add(EvaluationGroup.Cadres); }
            reasons.Add(new Explanation("Incomplete", missing.ToArray()));
            steps.Add(new Explanation("Incomplete", missing.ToArray()));
            return new Draft(a, vGroup, satisfaction, dissatisfaction, pGroup, cGroup, true, null, supervision, attendance, shortMonths.Select(m => m.Month).ToList(), null, null, steps, reasons);
        }

        // Σ weight × total / counted over the counted groups, divided by their weights once at the end:
        // multiplying before dividing keeps exact what is exact (45 % of 1160/15 is 3480), so a base
        // that is truly 78.375 is not computed as 78.37499… and rounded the wrong way.
        decimal Part(GroupResult g, decimal weight) => g.Sufficient && g.Counted > 0 ? weight * g.Total / g.Counted : 0;
        var countedWeight = (vSufficient ? rules.WeightVillagers : 0) + (party.Sufficient ? rules.WeightParty : 0) + (cadres.Sufficient ? rules.WeightCadres : 0);
        var base_ = (Part(vGroup, rules.WeightVillagers) + Part(pGroup, rules.WeightParty) + Part(cGroup, rules.WeightCadres)) / countedWeight;
        if (!allSufficient)
        {
            steps.Add(new Explanation("Renormalised", vGroup.Weight, pGroup.Weight, cGroup.Weight));
        }
        steps.Add(new Explanation("Base", vGroup.Weight, Round(vGroup.Score ?? 0), pGroup.Weight, Round(pGroup.Score ?? 0), cGroup.Weight, Round(cGroup.Score ?? 0), base_));
        var raw = base_ + supervision - attendance;
        var composite = Round(Math.Clamp(raw, 0, 100));
        steps.Add(new Explanation("Composite", base_, supervision, attendance, raw, composite));

        // §6 band, then caps: the grade is the lowest of band and caps.
        var grade = composite >= rules.ExcellentFrom ? AppraisalGrade.Excellent
            : composite >= rules.CompetentFrom ? AppraisalGrade.Competent
            : composite >= rules.BasicFrom ? AppraisalGrade.BasicallyCompetent
            : AppraisalGrade.Incompetent;
        steps.Add(new Explanation("Band", composite, grade));
        void Cap(bool applies, AppraisalGrade ceiling, string key)
        {
            if (applies && grade < ceiling)
            {
                grade = ceiling;
                reasons.Add(new Explanation(key));
                steps.Add(new Explanation(key));
            }
        }
        Cap(n > 0 && (long)a.Dissatisfied * rules.DissatisfiedCapDenominator > (long)n * rules.DissatisfiedCapNumerator,
            AppraisalGrade.BasicallyCompetent, "CapDissatisfied");
        Cap(rules.SeriousIssueCapsGrade && a.VerifiedRecords.Any(r => r.Nature == RecordNature.Issue && r.Severity == IssueSeverity.Serious),
            AppraisalGrade.BasicallyCompetent, "CapSeriousIssue");
        Cap(shortMonths.Count >= rules.ShortMonthsCap, AppraisalGrade.Competent, "CapShortMonths");
        return new Draft(a, vGroup, satisfaction, dissatisfaction, pGroup, cGroup, false, base_, supervision, attendance, shortMonths.Select(m => m.Month).ToList(), composite, grade, steps, reasons);
    }

    /// <summary>
    /// §5 weights in percent actually applied to each group: the cycle's weights when every group is
    /// sufficient; with "renormalise" on, the sufficient groups' weights scaled to 100 %; otherwise
    /// the assistant is incomplete and nothing is weighted.
    /// </summary>
    public static (bool Incomplete, decimal Villagers, decimal Party, decimal Cadres) Weights(CycleRules rules, bool villagers, bool party, bool cadres)
    {
        var all = villagers && party && cadres;
        var sum = (villagers ? rules.WeightVillagers : 0) + (party ? rules.WeightParty : 0) + (cadres ? rules.WeightCadres : 0);
        // Renormalising needs a sufficient group that carries weight; a 0 % group alone decides nothing.
        var incomplete = !all && !(rules.RenormaliseMissingGroups && sum > 0);
        decimal Effective(bool sufficient, decimal weight) => incomplete || !sufficient ? 0 : all ? weight : sum == 0 ? 0 : weight * 100 / sum;
        return (incomplete, Effective(villagers, rules.WeightVillagers), Effective(party, rules.WeightParty), Effective(cadres, rules.WeightCadres));
    }

    /// <summary>§6.3: per scope at most max(1, ⌊ratio × complete⌋) keep 优秀; ties on every key with the last kept keep it too.</summary>
    private static void ApplyQuota(List<Draft> drafts, CycleRules rules)
    {
        var scopes = drafts.Where(d => !d.Incomplete).GroupBy(d => rules.ExcellentQuotaScope == QuotaScope.Township ? d.Inputs.TownshipId : 0);
        foreach (var scope in scopes)
        {
            var complete = scope.Count();
            var allowed = Math.Max(1, (int)Math.Floor(rules.ExcellentQuotaPercent * complete / 100));
            var excellent = scope.Where(d => d.Grade == AppraisalGrade.Excellent)
                .OrderByDescending(d => d.Composite).ThenByDescending(d => Key(d.Villagers)).ThenByDescending(d => Key(d.Party)).ThenByDescending(d => Key(d.Cadres))
                .ThenBy(d => d.Inputs.AssistantId)
                .ToList();
            for (var i = allowed; i < excellent.Count; i++)
            {
                var last = excellent[allowed - 1];
                var d = excellent[i];
                if (SameKeys(d, last))
                {
                    d.TiedBeyondQuota = true;
                    d.Steps.Add(new Explanation("QuotaTie", allowed, complete));
                    d.Reasons.Add(new Explanation("QuotaTie", allowed, complete));
                }
                else
                {
                    d.Grade = AppraisalGrade.Competent;
                    d.Steps.Add(new Explanation("QuotaExceeded", allowed, complete));
                    d.Reasons.Add(new Explanation("QuotaExceeded", allowed, complete));
                }
            }
        }
    }

    private static decimal Key(GroupResult group) => group.Rounded ?? -1;

    private static bool SameKeys(Draft a, Draft b) =>
        a.Composite == b.Composite && Key(a.Villagers) == Key(b.Villagers) && Key(a.Party) == Key(b.Party) && Key(a.Cadres) == Key(b.Cadres);

    /// <summary>§7 competition ranking ("1224") by rounded composite, county-wide and within each township.</summary>
    private static void Rank(List<Draft> drafts)
    {
        var complete = drafts.Where(d => !d.Incomplete).ToList();
        foreach (var (draft, rank) in Competition(complete))
        {
            draft.CountyRank = rank;
        }
        foreach (var township in complete.GroupBy(d => d.Inputs.TownshipId))
        {
            foreach (var (draft, rank) in Competition(township))
            {
                draft.TownshipRank = rank;
            }
        }
    }

    /// <summary>Equal composites share a rank and the next rank skips: 1, 2, 2, 4 (sorted once, not compared pairwise).</summary>
    private static IEnumerable<(Draft Draft, int Rank)> Competition(IEnumerable<Draft> group)
    {
        var ordered = group.OrderByDescending(d => d.Composite).ToList();
        var rank = 0;
        for (var i = 0; i < ordered.Count; i++)
        {
            if (i == 0 || ordered[i].Composite != ordered[i - 1].Composite)
            {
                rank = i + 1;
            }
            yield return (ordered[i], rank);
        }
    }

    private static GroupResult Trimmed(IReadOnlyList<decimal> values, CycleRules rules, int minimum)
    {
        if (values.Count < minimum || values.Count == 0)
        {
            return new GroupResult(values.Count, null, false, [], 0);
        }
        var sorted = values.Order().ToList();
        if (values.Count >= rules.TrimFromBallots)
        {
            var dropped = new[] { sorted[^1], sorted[0] };
            var kept = sorted.Skip(1).Take(sorted.Count - 2).ToList();
            return new GroupResult(values.Count, kept.Sum() / kept.Count, true, dropped, 0, kept.Sum(), kept.Count);
        }
        return new GroupResult(values.Count, sorted.Sum() / sorted.Count, true, [], 0, sorted.Sum(), sorted.Count);
    }

    private static Explanation GroupStep(string key, GroupResult group) => group.Dropped.Count == 0
        ? new Explanation(key, group.Count, Round(group.Score!.Value))
        : new Explanation(key + "Trimmed", group.Count, group.Dropped[0], group.Dropped[1], group.Count - 2, Round(group.Score!.Value));

    private static string Percent(decimal? rate) => rate is { } r ? Round(r * 100).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "%" : "—";

    /// <summary>A result under construction: the quota and ranks change grade and rank after every assistant is scored.</summary>
    private sealed class Draft(
        AssistantInputs inputs, GroupResult villagers, decimal? satisfaction, decimal? dissatisfaction, GroupResult party, GroupResult cadres,
        bool incomplete, decimal? base_, decimal supervision, decimal attendance, IReadOnlyList<int> shortMonths, decimal? composite,
        AppraisalGrade? grade, List<Explanation> steps, List<Explanation> reasons)
    {
        public AssistantInputs Inputs => inputs;
        public GroupResult Villagers => villagers;
        public GroupResult Party => party;
        public GroupResult Cadres => cadres;
        public bool Incomplete => incomplete;
        public decimal? Composite => composite;
        public AppraisalGrade? Grade { get; set; } = grade;
        public bool TiedBeyondQuota { get; set; }
        public int? CountyRank { get; set; }
        public int? TownshipRank { get; set; }
        public List<Explanation> Steps => steps;
        public List<Explanation> Reasons => reasons;

        public AssistantResult ToResult(CycleRules rules)
        {
            var outcomes = Outcomes(rules);
            steps.Add(new Explanation("Outcome", outcomes.ToArray()));
            return new AssistantResult(inputs.AssistantId, inputs.TownshipId, villagers, satisfaction, dissatisfaction, party, cadres, incomplete,
                base_, supervision, attendance, shortMonths, composite, Grade, TiedBeyondQuota, CountyRank, TownshipRank, outcomes, reasons, steps);
        }

        /// <summary>§8, in the listed order.</summary>
        private List<Outcome> Outcomes(CycleRules rules)
        {
            if (incomplete)
            {
                return [Outcome.InsufficientData];
            }
            var seriousOrModerate = inputs.VerifiedRecords.Any(r => r.Nature == RecordNature.Issue && r.Severity is IssueSeverity.Moderate or IssueSeverity.Serious);
            var list = new List<Outcome>();
            if (Grade == AppraisalGrade.Excellent && !seriousOrModerate)
            {
                list.Add(Outcome.ReserveCadre);
            }
            if (seriousOrModerate && Grade != AppraisalGrade.Incompetent)
            {
                list.Add(Outcome.PublicCriticism);
            }
            if (Grade == AppraisalGrade.BasicallyCompetent)
            {
                list.Add(Outcome.AdmonishmentTalk);
            }
            if (Grade == AppraisalGrade.Incompetent)
            {
                list.Add(Outcome.Replacement);
            }
            return list;
        }
    }
}
