using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Core.Scoring;

namespace Longan.Appraisal.Tests.Core.Features.Results;

public sealed class FingerprintTests
{
    private static readonly Dictionary<int, int> s_villages = new() { [1] = 10, [2] = 20 };

    private static AssistantInputs Inputs(int id, decimal[] party, CadreGrade[] cadres, int satisfied = 30) =>
        new(id, 1, satisfied, 8, 2, 1, party, cadres, [new VerifiedRecord(RecordNature.Issue, IssueSeverity.Minor)], [new MonthDays(3, 18), new MonthDays(1, 22)]);

    [Fact]
    public void SameData_InAnyOrder_AndAnyDecimalScale_SameFingerprint()
    {
        var rules = new CycleRules();
        var a = ResultService.Fingerprint(rules, [Inputs(1, [92.0m, 88.5m], [CadreGrade.Excellent, CadreGrade.Competent]), Inputs(2, [80m], [CadreGrade.Competent])], s_villages);
        var b = ResultService.Fingerprint(rules, [Inputs(2, [80.00m], [CadreGrade.Competent]), Inputs(1, [88.50m, 92m], [CadreGrade.Competent, CadreGrade.Excellent])], s_villages);

        Assert.Equal(a, b);
    }

    [Fact]
    public void AnyChange_InAnInputOrARule_NewFingerprint()
    {
        var rules = new CycleRules();
        var baseline = ResultService.Fingerprint(rules, [Inputs(1, [92m], [CadreGrade.Excellent]), Inputs(2, [80m], [])], s_villages);

        Assert.NotEqual(baseline, ResultService.Fingerprint(rules, [Inputs(1, [92m], [CadreGrade.Excellent]), Inputs(2, [80.1m], [])], s_villages));
        Assert.NotEqual(baseline, ResultService.Fingerprint(rules, [Inputs(1, [92m], []), Inputs(2, [80m], [CadreGrade.Excellent])], s_villages));
        Assert.NotEqual(baseline, ResultService.Fingerprint(rules, [Inputs(1, [92m], [CadreGrade.Excellent], satisfied: 31), Inputs(2, [80m], [])], s_villages));
        Assert.NotEqual(baseline, ResultService.Fingerprint(rules, [Inputs(1, [92m], [CadreGrade.Excellent]), Inputs(2, [80m], [])], new Dictionary<int, int> { [1] = 10, [2] = 21 }));
        Assert.NotEqual(baseline, ResultService.Fingerprint(new CycleRules { ExcellentQuotaPercent = 15m }, [Inputs(1, [92m], [CadreGrade.Excellent]), Inputs(2, [80m], [])], s_villages));
    }
}
