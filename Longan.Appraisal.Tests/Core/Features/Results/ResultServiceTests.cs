using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Attendance;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Cycles;
using Longan.Appraisal.Core.Features.Evaluations;
using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Core.Features.Supervision;
using Longan.Appraisal.Core.Scoring;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Tests.Core.Features.Results;

public sealed class ResultServiceTests : IAsyncLifetime
{
    private readonly CollectingCounty _county = new();

    private ResultService Service => _county.Get<ResultService>();

    public Task InitializeAsync() => _county.InitializeAsync();

    public Task DisposeAsync() => _county.DisposeAsync();

    /// <summary>The worked example of spec §10 entered through the services for 浪湾村's assistant.</summary>
    private async Task EnterWorkedExampleAsync()
    {
        var (c, a, t) = (_county.CycleId, _county.LangwanAssistant, _county.Natong);
        await _county.Get<VillagerTallyService>().AddAsync(t, c, a, new TallyInput { Satisfied = 30, BasicallySatisfied = 8, Dissatisfied = 2, Invalid = 1 });
        await _county.Get<VillagerTallyService>().AddAsync(t, c, a, new TallyInput { Satisfied = 12, BasicallySatisfied = 6, Dissatisfied = 2 });
        await _county.Get<PartyBallotService>().AddAsync(t, c, a, new PartyBallotInput { PolicyAdvocate = 18, PublicOpinion = 18.5m, CivilAgent = 19, DisputeMediator = 18, PartyBuildingGuide = 18.5m });
        await _county.Get<PartyBallotService>().AddAsync(t, c, a, new PartyBallotInput { PolicyAdvocate = 17, PublicOpinion = 17.5m, CivilAgent = 18, DisputeMediator = 18, PartyBuildingGuide = 18 });
        foreach (var g in new[] { CadreGrade.Excellent, CadreGrade.Excellent, CadreGrade.Excellent, CadreGrade.Excellent, CadreGrade.Competent, CadreGrade.Competent, CadreGrade.Competent, CadreGrade.BasicallyCompetent })
        {
            await _county.Get<CadreBallotService>().AddAsync(t, c, a, new CadreBallotInput { Grade = g });
        }
        var records = _county.Get<SupervisionService>();
        var praise = await records.AddAsync(_county.Supervisor, c, a, new SupervisionInput { Date = new DateOnly(2026, 4, 1), Nature = RecordNature.Commendation, Category = RecordCategory.ServiceAttitude, Description = "耐心" });
        var issue = await records.AddAsync(_county.Supervisor, c, a, new SupervisionInput { Date = new DateOnly(2026, 5, 1), Nature = RecordNature.Issue, Category = RecordCategory.OnDuty, Severity = IssueSeverity.Minor, Description = "迟到" });
        await records.AddAsync(_county.Supervisor, c, a, new SupervisionInput { Date = new DateOnly(2026, 6, 1), Nature = RecordNature.Issue, Category = RecordCategory.OnDuty, Severity = IssueSeverity.Serious, Description = "未核实的不计" });
        await records.VerifyAsync(t, praise, 1, new VerifyInput { Result = Verification.Confirmed });
        await records.VerifyAsync(t, issue, 1, new VerifyInput { Result = Verification.Confirmed });
        // January to November: the test's clock stands in late November, and December has not begun.
        for (var m = 1; m <= 11; m++)
        {
            await _county.Get<AttendanceService>().SetAsync(t, c, a, m, m == 3 ? 18 : 22);
        }
    }

    [Fact]
    public async Task Compute_WorkedExampleEnteredThroughTheServices_StoredExactly()
    {
        await EnterWorkedExampleAsync();

        var summary = await Service.ComputeAsync(_county.County, _county.CycleId);

        Assert.Equal((1, 60, 1, false), (summary.Number, summary.Assistants, summary.Complete, summary.Unchanged));
        await using var db = await _county.Db.OpenAsync();
        var r = await db.StoredResults.SingleAsync(x => x.ResultVersionId == summary.VersionId && x.AssistantId == _county.LangwanAssistant);
        // The other 59 have no ballots and are incomplete; this one is the only complete assistant.
        Assert.False(r.Incomplete);
        Assert.Equal((84m, 90.25m, 90m, 87.675m, 0m, 1.0m, 86.68m), (r.VillagerScore, r.PartyScore, r.CadreScore, r.Base, r.SupervisionAdjustment, r.AttendanceDeduction, r.Composite));
        Assert.Equal((int)AppraisalGrade.Competent, r.Grade);
        Assert.Equal((1, 1), (r.CountyRank, r.TownshipRank));
        var steps = string.Join("\n", ExplanationCodec.Read(r.Steps).Select(s => s.Render()));
        Assert.Contains("基础分 = 40% × 84.00 + 30% × 90.25 + 30% × 90.00 = 87.675", steps);
        Assert.Contains("对应等次“称职”", steps);
    }

    [Fact]
    public async Task Compute_Twice_OnUnchangedData_SameVersion_ThenANewOneAfterAChange()
    {
        await EnterWorkedExampleAsync();
        var first = await Service.ComputeAsync(_county.County, _county.CycleId);
        var again = await Service.ComputeAsync(_county.County, _county.CycleId);

        await _county.Get<CadreBallotService>().AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, new CadreBallotInput { Grade = CadreGrade.Excellent });
        var changed = await Service.ComputeAsync(_county.County, _county.CycleId);

        Assert.Equal((first.VersionId, first.Fingerprint, true), (again.VersionId, again.Fingerprint, again.Unchanged));
        Assert.Equal(2, changed.Number);
        Assert.NotEqual(first.Fingerprint, changed.Fingerprint);
        await using var db = await _county.Db.OpenAsync();
        Assert.Equal(2, await db.ResultVersions.CountAsync(v => v.CycleId == _county.CycleId));
    }

    [Fact]
    public async Task Compute_InDraftOrByTownship_Refused()
    {
        var draft = await _county.Get<CycleService>().CreateAsync(_county.County, 2027);

        await Assert.ThrowsAsync<RuleViolationException>(() => Service.ComputeAsync(_county.County, draft));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.ComputeAsync(_county.Natong, _county.CycleId));
    }

    [Fact]
    public void Codec_RoundTripsEveryKindOfValue()
    {
        var steps = new[] { new Explanation("Band", 86.68m, AppraisalGrade.Competent), new Explanation("Outcome", new[] { Outcome.PublicCriticism, Outcome.AdmonishmentTalk }), new Explanation("Incomplete", new[] { EvaluationGroup.Villagers, EvaluationGroup.Party }) };

        var back = ExplanationCodec.Read(ExplanationCodec.Write(steps));

        Assert.Equal(steps.Select(s => s.Render()), back.Select(s => s.Render()));
        Assert.Contains("群众评议、党组织评议", back[2].Render());
        Assert.Contains("通报批评；诫勉谈话", back[1].Render());
    }
}
