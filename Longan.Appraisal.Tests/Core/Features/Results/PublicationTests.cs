using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Evaluations;
using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Core.Scoring;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Tests.Core.Features.Results;

/// <summary>Spec §2: publishing freezes the reviewed version and shows it to assistants; reopening keeps old versions.</summary>
public sealed class PublicationTests : IAsyncLifetime
{
    private readonly PublishableCounty _county = new();

    private ResultQueryService Query => _county.Get<ResultQueryService>();

    public async Task InitializeAsync()
    {
        await _county.InitializeAsync();
        await _county.MoveAsync(CycleState.Review);
    }

    public Task DisposeAsync() => _county.DisposeAsync();

    private Task CorrectAsync() => _county.Get<CadreBallotService>().AddAsync(
        _county.County, _county.CycleId, _county.Assistant.AssistantId!.Value, new CadreBallotInput { Grade = CadreGrade.Incompetent });

    [Fact]
    public async Task Publish_NothingComputed_Refused()
    {
        var ex = await Assert.ThrowsAsync<RuleViolationException>(() => _county.MoveAsync(CycleState.Published));

        Assert.Equal("2026 年度考核还没有计算结果；请先计算并核对结果，再公布。", ex.Message);
    }

    [Fact]
    public async Task Publish_DataChangedAfterTheLastCompute_RefusedAsStale()
    {
        await _county.ComputeAsync();
        await CorrectAsync();

        var ex = await Assert.ThrowsAsync<RuleViolationException>(() => _county.MoveAsync(CycleState.Published));

        Assert.Equal("第 1 版结果计算之后数据有改动；请重新计算并核对后再公布。", ex.Message);
        Assert.Equal(CycleState.Review, (await _county.Get<Longan.Appraisal.Core.Features.Cycles.CycleService>().GetAsync(_county.County, _county.CycleId)).State);
    }

    [Fact]
    public async Task Publish_StampsTheReviewedVersion_ThenComputeAndDecisionsAreFrozen()
    {
        await _county.ComputeAsync();

        await _county.MoveAsync(CycleState.Published);

        var set = await Query.ReadAsync(_county.County, _county.CycleId);
        Assert.NotNull(set!.PublishedAt);
        Assert.Equal(1, set.VersionNumber);
        var frozen = await Assert.ThrowsAsync<RuleViolationException>(() => _county.ComputeAsync());
        Assert.Equal("2026 年度考核结果已公布并冻结；如需更改，请先重新打开（写明理由）。", frozen.Message);
        await Assert.ThrowsAsync<RuleViolationException>(() => _county.Get<OutcomeOverrideService>()
            .OverrideAsync(_county.County, _county.CycleId, _county.Assistant.AssistantId!.Value, [Outcome.AdmonishmentTalk], "复核后决定"));
    }

    [Fact]
    public async Task Assistant_SeesNothingBeforePublication_ThenOnlyTheirOwnPublishedResult()
    {
        await _county.ComputeAsync();
        Assert.Empty(await Query.PublishedForSelfAsync(_county.Assistant));

        await _county.MoveAsync(CycleState.Published);

        var mine = Assert.Single(await Query.PublishedForSelfAsync(_county.Assistant));
        Assert.Equal((2026, 1, _county.Assistant.AssistantId), (mine.Year, mine.VersionNumber, (int?)mine.Row.AssistantId));
        Assert.NotNull(mine.Row.Composite);
        var theirs = Assert.Single(await Query.PublishedForSelfAsync(_county.OtherAssistant));
        Assert.Equal(_county.OtherAssistant.AssistantId, theirs.Row.AssistantId);
    }

    [Fact]
    public async Task PublishedForSelf_OtherRoles_Refused_AndAssistantsCannotReadTheTables()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => Query.PublishedForSelfAsync(_county.County));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Query.PublishedForSelfAsync(_county.Township));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Query.ReadAsync(_county.Assistant, _county.CycleId));
    }

    [Fact]
    public async Task Reopen_KeepsThePublishedVersion_AssistantsSeeNothingUntilRepublished_ThenTheNewVersion()
    {
        await _county.ComputeAsync();
        await _county.MoveAsync(CycleState.Published);

        Assert.Empty(await Query.ReopenedForSelfAsync(_county.Assistant));
        await _county.MoveAsync(CycleState.Review, "复核申请属实，更正一张党员干部评议票");
        Assert.Empty(await Query.PublishedForSelfAsync(_county.Assistant));
        Assert.Equal([PublishableCounty.Year], await Query.ReopenedForSelfAsync(_county.Assistant));
        await CorrectAsync();
        var second = await _county.ComputeAsync();
        await _county.MoveAsync(CycleState.Published);

        Assert.Equal(2, second.Number);
        var set = await Query.ReadAsync(_county.County, _county.CycleId);
        Assert.Equal([2, 1], set!.Versions.Select(v => v.Number));
        Assert.All(set.Versions, v => Assert.NotNull(v.PublishedAt));
        var first = await Query.ReadAsync(_county.County, _county.CycleId, versionNumber: 1);
        Assert.Equal(20, first!.Rows.Count);
        Assert.Equal(2, Assert.Single(await Query.PublishedForSelfAsync(_county.Assistant)).VersionNumber);
        await using var db = await _county.Db.OpenAsync();
        Assert.Equal(40, await db.StoredResults.CountAsync());
    }

    [Fact]
    public async Task Read_UnknownVersion_NotFound()
    {
        await _county.ComputeAsync();

        var ex = await Assert.ThrowsAsync<NotFoundException>(() => Query.ReadAsync(_county.County, _county.CycleId, versionNumber: 7));

        Assert.Equal("没有第 7 版结果。", ex.Message);
    }

    [Fact]
    public async Task Republish_UnchangedData_ANewVersion_TheFirstPublicationKeptAsItWas()
    {
        await _county.ComputeAsync();
        await _county.MoveAsync(CycleState.Published);
        var first = (await Query.ReadAsync(_county.County, _county.CycleId))!.PublishedAt;
        _county.Later();
        await _county.MoveAsync(CycleState.Review, "复核后无需更正");
        Assert.True((await _county.ComputeAsync()).Unchanged);
        _county.Later();

        await _county.MoveAsync(CycleState.Published);

        var set = await Query.ReadAsync(_county.County, _county.CycleId);
        Assert.Equal([2, 1], set!.Versions.Select(v => v.Number));
        Assert.Equal(first, set.Versions.Single(v => v.Number == 1).PublishedAt);
        Assert.True(set.PublishedAt > first);
        Assert.Equal(20, set.Rows.Count);
        Assert.Equal(2, Assert.Single(await Query.PublishedForSelfAsync(_county.Assistant)).VersionNumber);
    }

    [Fact]
    public async Task ADecisionMadeWhileReopened_ShowsInTheNewPublication_NotInTheOldOne()
    {
        var assistant = _county.Assistant.AssistantId!.Value;
        await _county.ComputeAsync();
        await _county.MoveAsync(CycleState.Published);
        _county.Later();
        await _county.MoveAsync(CycleState.Review, "复核申请：处理建议需调整");
        _county.Later();
        await _county.Get<OutcomeOverrideService>().OverrideAsync(_county.County, _county.CycleId, assistant, [Outcome.AdmonishmentTalk], "复核后决定诫勉谈话");

        // While reopened the county works with the current decisions.
        Assert.NotNull((await Query.ReadAsync(_county.County, _county.CycleId, assistant))!.Rows.Single().Decision);
        _county.Later();
        await _county.MoveAsync(CycleState.Published);

        Assert.Null((await Query.ReadAsync(_county.County, _county.CycleId, assistant, versionNumber: 1))!.Rows.Single().Decision);
        Assert.Equal([Outcome.AdmonishmentTalk], (await Query.ReadAsync(_county.County, _county.CycleId, assistant))!.Rows.Single().Outcomes);
        Assert.Equal([Outcome.AdmonishmentTalk], Assert.Single(await Query.PublishedForSelfAsync(_county.Assistant)).Row.Outcomes);
    }

    [Fact]
    public async Task AfterPublication_CorrectionsAndVerificationsRefused()
    {
        var assistant = _county.Assistant.AssistantId!.Value;
        var ballots = await _county.Get<CadreBallotService>().ListAllAsync(_county.County, _county.CycleId, assistant);
        await _county.ComputeAsync();
        await _county.MoveAsync(CycleState.Published);

        await Assert.ThrowsAsync<RuleViolationException>(() => _county.Get<CadreBallotService>()
            .UpdateAsync(_county.County, ballots[0].Id, ballots[0].Version, new CadreBallotInput { Grade = CadreGrade.Incompetent }));
        await Assert.ThrowsAsync<RuleViolationException>(() => _county.Get<CadreBallotService>().DeleteAsync(_county.County, ballots[0].Id, ballots[0].Version));
    }

    [Fact]
    public async Task Assistant_AnonymousGroupUnderFiveBallots_NoScoreNoStepsFromTheService()
    {
        var assistant = _county.Assistant.AssistantId!.Value;
        await using (var db = await _county.Db.OpenAsync())
        {
            var cycle = await db.Cycles.SingleAsync(c => c.Id == _county.CycleId);
            cycle.Rules = cycle.Rules.Copy();
            cycle.Rules.RenormaliseMissingGroups = true;
            await db.SaveChangesAsync();
            var keep = await db.CadreBallots.Where(b => b.AssistantId == assistant).OrderBy(b => b.Id).Select(b => b.Id).Take(3).ToListAsync();
            await db.CadreBallots.Where(b => b.AssistantId == assistant && !keep.Contains(b.Id)).ExecuteDeleteAsync();
        }
        await _county.ComputeAsync();
        await _county.MoveAsync(CycleState.Published);

        var row = Assert.Single(await Query.PublishedForSelfAsync(_county.Assistant)).Row;

        Assert.Equal(3, row.CadreBallots);
        Assert.Null(row.Cadres);
        Assert.Empty(row.Steps);
        Assert.NotNull(row.Composite);
    }
}
