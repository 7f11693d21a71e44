using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Features.Assistants;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.FollowUps;
using Longan.Appraisal.Core.Features.Postings;
using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Core.Resources;
using Longan.Appraisal.Core.Scoring;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Tests.Core.Features.FollowUps;

/// <summary>Issue 6: each effective outcome of a published cycle is a case with a due date, followed through to its end.</summary>
public sealed class FollowUpServiceTests : IAsyncLifetime
{
    private readonly PublishableCounty _county = new();
    private int _replaced;
    private int _admonished;

    private FollowUpService FollowUps => _county.Get<FollowUpService>();

    public async Task InitializeAsync()
    {
        await _county.InitializeAsync();
        await _county.MoveAsync(CycleState.Review);
        await _county.ComputeAsync();
        (_replaced, _admonished) = (_county.Assistant.AssistantId!.Value, _county.OtherAssistant.AssistantId!.Value);
        var decisions = _county.Get<OutcomeOverrideService>();
        await decisions.OverrideAsync(_county.County, _county.CycleId, _replaced, [Outcome.Replacement], "长期不在岗，群众反映强烈");
        await decisions.OverrideAsync(_county.County, _county.CycleId, _admonished, [Outcome.AdmonishmentTalk, Outcome.PublicCriticism], "工作日多次离村");
        await _county.MoveAsync(CycleState.Published);
    }

    public Task DisposeAsync() => _county.DisposeAsync();

    private async Task<FollowUpCase> CaseAsync(int assistant, Outcome kind) =>
        Assert.Single(await FollowUps.ListAsync(_county.County), c => c.AssistantId == assistant && c.Kind == kind);

    [Fact]
    public async Task EveryEffectiveOutcome_IsAnOpenCase_DueAfterPublication_TownshipSeesItsOwn()
    {
        var cases = await FollowUps.ListAsync(_county.County, openOnly: true);

        var set = (await _county.Get<ResultQueryService>().ReadAsync(_county.County, _county.CycleId))!;
        var expected = set.Rows.SelectMany(r => r.Outcomes.Where(o => o != Outcome.InsufficientData).Select(o => (r.AssistantId, o))).OrderBy(x => x).ToList();
        Assert.Equal(expected, cases.Select(c => (c.AssistantId, c.Kind)).OrderBy(x => x).ToList());
        var talk = await CaseAsync(_admonished, Outcome.AdmonishmentTalk);
        var published = DateOnly.FromDateTime(set.PublishedAt!.Value.ToOffset(TimeSpan.FromHours(8)).DateTime);
        Assert.Equal(published.AddDays(15), talk.Due);
        Assert.Equal(published.AddDays(60), (await CaseAsync(_replaced, Outcome.Replacement)).Due);
        Assert.NotNull((await CaseAsync(_replaced, Outcome.Replacement)).CurrentPosting);
        Assert.All(await FollowUps.ListAsync(_county.Township), c => Assert.Equal(_county.Township.TownshipId, c.TownshipId));
        Assert.Contains(await FollowUps.ListAsync(_county.Township), c => c.AssistantId == _replaced);
        await Assert.ThrowsAsync<AccessDeniedException>(() => FollowUps.ListAsync(_county.Assistant));
    }

    [Fact]
    public async Task Talk_NeedsDateAndWhoHeldIt_ThenTheCaseIsClosed_OnlyOnce()
    {
        var missing = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            FollowUps.RecordAsync(_county.County, _county.CycleId, _admonished, Outcome.AdmonishmentTalk, new FollowUpInput()));
        Assert.Equal([nameof(FollowUpInput.Date), nameof(FollowUpInput.By)], missing.Errors.Select(e => e.Field));
        var input = new FollowUpInput { Date = CountyCalendar.Today(_county.Get<TimeProvider>()), By = "乡镇党委书记 韦明", Notes = "本人表示接受批评，保证每月在村不少于 20 天。" };
        await Assert.ThrowsAsync<AccessDeniedException>(() => FollowUps.RecordAsync(_county.Township, _county.CycleId, _admonished, Outcome.AdmonishmentTalk, input));

        await FollowUps.RecordAsync(_county.County, _county.CycleId, _admonished, Outcome.AdmonishmentTalk, input);

        var done = await CaseAsync(_admonished, Outcome.AdmonishmentTalk);
        Assert.False(done.IsOpen);
        Assert.Equal(("乡镇党委书记 韦明", _county.County.UserName), (done.Done!.By, done.Done.RecordedBy));
        Assert.DoesNotContain(await FollowUps.ListAsync(_county.County, openOnly: true), c => c.AssistantId == _admonished && c.Kind == Outcome.AdmonishmentTalk);
        Assert.True((await CaseAsync(_admonished, Outcome.PublicCriticism)).IsOpen);
        await Assert.ThrowsAsync<RuleViolationException>(() => FollowUps.RecordAsync(_county.County, _county.CycleId, _admonished, Outcome.AdmonishmentTalk, input));
        await Assert.ThrowsAsync<NotFoundException>(() => FollowUps.RecordAsync(_county.County, _county.CycleId, _admonished, Outcome.ReserveCadre,
            new FollowUpInput { Date = input.Date, Accepted = true, Notes = "不应存在" }));
    }

    [Fact]
    public async Task Notice_NeedsItsNumber()
    {
        var today = CountyCalendar.Today(_county.Get<TimeProvider>());
        var missing = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            FollowUps.RecordAsync(_county.County, _county.CycleId, _admonished, Outcome.PublicCriticism, new FollowUpInput { Date = today.AddDays(1) }));
        Assert.Equal([nameof(FollowUpInput.Date), nameof(FollowUpInput.Reference)], missing.Errors.Select(e => e.Field));
        var early = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            FollowUps.RecordAsync(_county.County, _county.CycleId, _admonished, Outcome.PublicCriticism, new FollowUpInput { Date = today.AddDays(-1), Reference = "隆组通〔2026〕12号" }));
        Assert.Equal($"日期不能早于考核结果公布之日（{today:yyyy-MM-dd}）：这里登记的是对公布结果的处理。", early.Errors.Single().Message);

        await FollowUps.RecordAsync(_county.County, _county.CycleId, _admonished, Outcome.PublicCriticism, new FollowUpInput { Date = today, Reference = "隆组通〔2026〕12号" });

        Assert.Equal("隆组通〔2026〕12号", (await CaseAsync(_admonished, Outcome.PublicCriticism)).Done!.Reference);
        await using var db = await _county.Db.OpenAsync();
        var record = await db.AuditRecords.SingleAsync(r => r.Subject == "FollowUp");
        Assert.Equal((Longan.Appraisal.Core.Domain.Audit.AuditAction.Created, _county.County.UserName), (record.Action, record.Actor));
        Assert.Contains("隆组通〔2026〕12号", record.After);
    }

    [Fact]
    public async Task Replacement_EndsThePostingAndStartsTheSuccessors_TheVillageNeverHasTwoAssistants()
    {
        var open = await CaseAsync(_replaced, Outcome.Replacement);
        var village = open.CurrentPosting!.VillageId;
        var successor = await _county.Get<AssistantService>().CreateAsync(_county.County, new AssistantInput
        {
            Code = "SYN900001", Name = "农接任", Gender = Gender.Male, BirthDate = new DateOnly(1997, 3, 9),
        });
        var start = CountyCalendar.Today(_county.Get<TimeProvider>()).AddDays(1);
        await Assert.ThrowsAsync<RuleViolationException>(() => FollowUps.RecordAsync(_county.County, _county.CycleId, _replaced, Outcome.Replacement,
            new FollowUpInput { Date = start.AddDays(-1) }));

        await FollowUps.ReplaceAsync(_county.County, _county.CycleId, _replaced, new ReplaceInput { SuccessorId = successor, StartDate = start, Reason = "考核不称职，调整撤换" });

        await using var db = await _county.Db.OpenAsync();
        var terms = await db.Postings.Where(p => p.VillageId == village).OrderBy(p => p.StartDate).ToListAsync();
        Assert.Equal([_replaced, successor], terms.Select(t => t.AssistantId));
        Assert.Equal(start.AddDays(-1), terms[0].EndedOn);
        Assert.Null(terms[1].EndedOn);
        Assert.Single(terms, t => t.EndedOn == null);
        Assert.All(terms.Zip(terms.Skip(1)), pair => Assert.True(pair.First.EndedOn < pair.Second.StartDate));
        var done = await CaseAsync(_replaced, Outcome.Replacement);
        Assert.Equal(terms[1].Id, done.Done!.SuccessorPostingId);
        await Assert.ThrowsAsync<RuleViolationException>(() => FollowUps.ReplaceAsync(_county.County, _county.CycleId, _replaced,
            new ReplaceInput { SuccessorId = successor, StartDate = start.AddDays(5), Reason = "再撤换一次" }));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)] // the successor starts on the day of publication: the term ended the day before it
    public async Task AReplacementMadeFromTheVillagesPostings_ClosesTheCase_NamingTheSuccessor(int startsInDays)
    {
        var open = await CaseAsync(_replaced, Outcome.Replacement);
        var successor = await _county.Get<AssistantService>().CreateAsync(_county.County, new AssistantInput
        {
            Code = "SYN900002", Name = "蒙接任", Gender = Gender.Female, BirthDate = new DateOnly(1998, 7, 1),
        });

        await _county.Get<PostingService>().ReplaceAsync(_county.County, open.CurrentPosting!.VillageId, new ReplaceInput
        {
            SuccessorId = successor, StartDate = CountyCalendar.Today(_county.Get<TimeProvider>()).AddDays(startsInDays), Reason = "考核不称职，调整撤换",
        });

        var done = await CaseAsync(_replaced, Outcome.Replacement);
        Assert.Equal((false, true, "蒙接任", "考核不称职，调整撤换"), (done.IsOpen, done.ViaPostings, done.Successor, done.Done!.Notes));
        await Assert.ThrowsAsync<RuleViolationException>(() => FollowUps.ReplaceAsync(_county.County, _county.CycleId, _replaced,
            new ReplaceInput { SuccessorId = successor, StartDate = CountyCalendar.Today(_county.Get<TimeProvider>()).AddDays(9), Reason = "再撤换" }));
    }

    [Fact]
    public async Task Republishing_WithoutTheOutcome_TheCaseIsNoLongerListed_OthersKeepTheirDueDates()
    {
        var due = (await CaseAsync(_admonished, Outcome.AdmonishmentTalk)).Due;
        ((FixedClock)_county.Get<TimeProvider>()).Advance(TimeSpan.FromDays(3));
        await _county.MoveAsync(CycleState.Review, "复查处理建议");
        Assert.Contains(await FollowUps.ListAsync(_county.County), c => c.AssistantId == _replaced && c.Kind == Outcome.Replacement);
        await _county.Get<OutcomeOverrideService>().OverrideAsync(_county.County, _county.CycleId, _replaced, [], "经复查，不作调整撤换");
        await _county.MoveAsync(CycleState.Published);

        var cases = await FollowUps.ListAsync(_county.County);
        Assert.DoesNotContain(cases, c => c.AssistantId == _replaced);
        Assert.Equal(due, Assert.Single(cases, c => c.AssistantId == _admonished && c.Kind == Outcome.AdmonishmentTalk).Due);
    }
}
