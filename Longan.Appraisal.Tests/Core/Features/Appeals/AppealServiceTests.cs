using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Appeals;
using Longan.Appraisal.Core.Features.Appeals;
using Longan.Appraisal.Core.Features.Attendance;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Core.Resources;
using Longan.Appraisal.Core.Scoring;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Tests.Core.Features.Appeals;

/// <summary>Issue 6: 复核申请 within the window; upheld, or adjusted through a new published version with the old one kept.</summary>
public sealed class AppealServiceTests : IAsyncLifetime
{
    private readonly PublishableCounty _county = new();

    private AppealService Appeals => _county.Get<AppealService>();

    public async Task InitializeAsync()
    {
        await _county.InitializeAsync();
        await _county.MoveAsync(CycleState.Review);
        await _county.ComputeAsync();
        await _county.MoveAsync(CycleState.Published);
    }

    public Task DisposeAsync() => _county.DisposeAsync();

    private void Advance(TimeSpan by) => ((FixedClock)_county.Get<TimeProvider>()).Advance(by);

    [Fact]
    public async Task File_WithinTheWindow_ThenOnlyOneOpenAtATime()
    {
        var window = Assert.Single(await Appeals.WindowsAsync(_county.Assistant));
        Assert.True(window.CanFile);

        var id = await Appeals.FileAsync(_county.Assistant, _county.CycleId, "  群众评议票数统计有误，请核对第二次会议的票箱。 ");

        var appeal = Assert.Single(await Appeals.ListAsync(_county.Assistant));
        Assert.Equal((id, AppealStatus.Open, "群众评议票数统计有误，请核对第二次会议的票箱。", 1), (appeal.Id, appeal.Status, appeal.Reason, appeal.VersionNumber));
        Assert.False(Assert.Single(await Appeals.WindowsAsync(_county.Assistant)).CanFile);
        var again = await Assert.ThrowsAsync<RuleViolationException>(() => Appeals.FileAsync(_county.Assistant, _county.CycleId, "再申请一次"));
        Assert.Equal(Messages.AppealAlreadyOpen, again.Message);
    }

    [Fact]
    public async Task Window_ClosesAfterTheRulesDays()
    {
        Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        Assert.True(Assert.Single(await Appeals.WindowsAsync(_county.Assistant)).IsOpen);

        Advance(TimeSpan.FromMinutes(2));

        Assert.False(Assert.Single(await Appeals.WindowsAsync(_county.Assistant)).IsOpen);
        var late = await Assert.ThrowsAsync<RuleViolationException>(() => Appeals.FileAsync(_county.Assistant, _county.CycleId, "迟到的申请"));
        Assert.StartsWith("复核申请期限已过", late.Message);
        await using var db = await _county.Db.OpenAsync();
        Assert.False(await db.Appeals.AnyAsync());
    }

    [Fact]
    public async Task File_ReasonRequired_OnlyTheAssistantForTheirOwnPublishedResult()
    {
        var empty = await Assert.ThrowsAsync<ValidationFailedException>(() => Appeals.FileAsync(_county.Assistant, _county.CycleId, "   "));
        var stray = await Assert.ThrowsAsync<ValidationFailedException>(() => Appeals.FileAsync(_county.Assistant, _county.CycleId, " 短 "));
        Assert.Contains("至少 5 个字", stray.Message);
        Assert.Contains(empty.Errors, e => e.Field == nameof(Appeal.Reason));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Appeals.FileAsync(_county.Township, _county.CycleId, "乡镇代为申请"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Appeals.FileAsync(_county.County, _county.CycleId, "组织部代为申请"));
        await _county.MoveAsync(CycleState.Review, "复查数据");
        await Assert.ThrowsAsync<RuleViolationException>(() => Appeals.FileAsync(_county.Assistant, _county.CycleId, "未公布时申请"));
    }

    [Fact]
    public async Task Upheld_WithAnAnswer_TheAssistantSeesIt_TheTownshipSeesItsOwnOnly()
    {
        var id = await Appeals.FileAsync(_county.Assistant, _county.CycleId, "党员干部评议票数偏少");
        Assert.Single(await Appeals.ListAsync(_county.Township, openOnly: true));
        Assert.Empty(await Appeals.ListAsync(_county.OtherTownship));
        Assert.Empty(await Appeals.ListAsync(_county.OtherAssistant));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Appeals.UpholdAsync(_county.Township, id, "乡镇答复"));
        await Assert.ThrowsAsync<ValidationFailedException>(() => Appeals.UpholdAsync(_county.County, id, " "));

        await Appeals.UpholdAsync(_county.County, id, "经核对，票数与会议记录一致，维持原结果。");

        var answered = Assert.Single(await Appeals.ListAsync(_county.Assistant));
        Assert.Equal((AppealStatus.Upheld, "经核对，票数与会议记录一致，维持原结果。", _county.County.UserName), (answered.Status, answered.Answer, answered.AnsweredBy));
        Assert.Empty(await Appeals.ListAsync(_county.County, openOnly: true));
        await Assert.ThrowsAsync<RuleViolationException>(() => Appeals.UpholdAsync(_county.County, id, "再答复一次"));
        await Assert.ThrowsAsync<RuleViolationException>(() => Appeals.ReviewAsync(_county.County, id));
        await using var db = await _county.Db.OpenAsync();
        var trail = await db.AuditRecords.Where(r => r.Subject == nameof(Appeal)).OrderBy(r => r.Id).Select(r => new { r.Action, r.Actor, r.After }).ToListAsync();
        Assert.Equal([(Longan.Appraisal.Core.Domain.Audit.AuditAction.Created, _county.Assistant.UserName), (Longan.Appraisal.Core.Domain.Audit.AuditAction.Changed, _county.County.UserName)],
            trail.Select(r => (r.Action, r.Actor)));
        Assert.Contains("维持原结果", trail[1].After);
        Assert.Equal(CycleState.Published, await db.Cycles.Where(c => c.Id == _county.CycleId).Select(c => c.State).SingleAsync());
    }

    [Fact]
    public async Task Adjusted_ThroughReopeningCorrectionAndANewVersion_TheAppealedVersionIsKept()
    {
        var before = Assert.Single(await _county.Get<ResultQueryService>().PublishedForSelfAsync(_county.Assistant));
        var id = await Appeals.FileAsync(_county.Assistant, _county.CycleId, "处理建议与实际表现不符，请复核");
        var early = await Assert.ThrowsAsync<RuleViolationException>(() => Appeals.AdjustAsync(_county.County, id, "已更正"));
        Assert.Equal(Messages.AppealAdjustNeedsNewVersion(1), early.Message);

        await Appeals.ReviewAsync(_county.County, id);
        Assert.Equal(AppealStatus.Reviewing, Assert.Single(await Appeals.ListAsync(_county.County)).Status);
        Outcome[] corrected = before.Row.Outcomes.Count == 0 ? [Outcome.AdmonishmentTalk] : [];
        _county.Later();
        await _county.Get<OutcomeOverrideService>().OverrideAsync(_county.County, _county.CycleId, before.Row.AssistantId, corrected, "复核后更正处理建议");
        _county.Later();
        await _county.MoveAsync(CycleState.Published);
        await Appeals.AdjustAsync(_county.County, id, "经复核，处理建议已更正，结果重新公布。");

        var appeal = Assert.Single(await Appeals.ListAsync(_county.Assistant));
        Assert.Equal((AppealStatus.Adjusted, 1, 2), (appeal.Status, appeal.VersionNumber, appeal.AdjustedVersionNumber));
        var after = Assert.Single(await _county.Get<ResultQueryService>().PublishedForSelfAsync(_county.Assistant));
        Assert.Equal((2, corrected), (after.VersionNumber, after.Row.Outcomes.ToArray()));
        await using var db = await _county.Db.OpenAsync();
        Assert.Equal([1, 2], await db.ResultVersions.Where(v => v.CycleId == _county.CycleId && v.PublishedAt != null).OrderBy(v => v.Number).Select(v => v.Number).ToListAsync());
        Assert.Contains(await db.CycleTransitions.Where(t => t.CycleId == _county.CycleId).Select(t => t.Reason).ToListAsync(), r => r != null && r.StartsWith($"复核申请 #{id}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Adjusted_RefusedWhenTheNewVersionChangedNothingForThisAssistant_AndTheWindowDoesNotReopen()
    {
        var id = await Appeals.FileAsync(_county.Assistant, _county.CycleId, "请复核群众评议");
        var deadline = Assert.Single(await Appeals.WindowsAsync(_county.Assistant)).Deadline;
        await Appeals.ReviewAsync(_county.County, id);
        _county.Later();
        await _county.MoveAsync(CycleState.Published);

        var unchanged = await Assert.ThrowsAsync<RuleViolationException>(() => Appeals.AdjustAsync(_county.County, id, "已调整"));
        Assert.Equal(Messages.AppealAdjustUnchanged(2), unchanged.Message);
        await Appeals.UpholdAsync(_county.County, id, "经复核，群众评议统计无误，维持原结果。");
        var window = Assert.Single(await Appeals.WindowsAsync(_county.Assistant));
        Assert.Equal(deadline, window.Deadline);
        Assert.True(window.CanFile);
    }

    [Fact]
    public async Task AVersion_IsAppealedOnce()
    {
        var id = await Appeals.FileAsync(_county.Assistant, _county.CycleId, "请复核评议票数");
        await Appeals.UpholdAsync(_county.County, id, "维持原结果。");

        Assert.False(Assert.Single(await Appeals.WindowsAsync(_county.Assistant)).CanFile);
        var again = await Assert.ThrowsAsync<RuleViolationException>(() => Appeals.FileAsync(_county.Assistant, _county.CycleId, "再申请一次复核"));
        Assert.Equal(Messages.AppealOncePerVersion(1), again.Message);
    }

    [Fact]
    public async Task ARepublicationThatChangesSomeonesResult_GivesThemANewWindow_OthersKeepTheirs()
    {
        var other = _county.OtherAssistant;
        var before = Assert.Single(await _county.Get<ResultQueryService>().PublishedForSelfAsync(other));
        Advance(TimeSpan.FromDays(8));
        Assert.False(Assert.Single(await Appeals.WindowsAsync(other)).IsOpen);
        await _county.MoveAsync(CycleState.Review, "更正另一名助理员的处理建议");
        Outcome[] changed = before.Row.Outcomes.Count == 0 ? [Outcome.AdmonishmentTalk] : [];
        await _county.Get<OutcomeOverrideService>().OverrideAsync(_county.County, _county.CycleId, other.AssistantId!.Value, changed, "复查后更正");
        _county.Later();
        await _county.MoveAsync(CycleState.Published);
        var republished = _county.Get<TimeProvider>().GetUtcNow();

        var theirs = Assert.Single(await Appeals.WindowsAsync(other));
        var mine = Assert.Single(await Appeals.WindowsAsync(_county.Assistant));

        Assert.True(theirs.CanFile);
        Assert.Equal(republished.AddDays(7), theirs.Deadline);
        Assert.False(mine.IsOpen);
        await Appeals.FileAsync(other, _county.CycleId, "新公布的处理建议与事实不符");
    }
}
