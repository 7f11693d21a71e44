using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Features.Assistants;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Postings;
using Longan.Appraisal.Core.Features.Villages;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Tests.Core.Features;

public sealed class PostingServiceTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private int _langwan;
    private int _newcomer;

    private PostingService Postings => _db.Get<PostingService>();
    private VillageService Villages => _db.Get<VillageService>();

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(demoCounty: true);
        _langwan = await _db.VillageIdAsync(Demo.NatongTownship, Demo.LangwanVillage);
        _newcomer = await _db.Get<AssistantService>().CreateAsync(Caller.System, new AssistantInput { Code = "LA0999", Name = "凌振宇" });
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<int> NewVillageAsync(string name = "新屯村")
    {
        var natong = (await Villages.GetAsync(Caller.System, _langwan)).TownshipId;
        return await Villages.CreateAsync(Caller.System, new VillageInput { TownshipId = natong, Name = name });
    }

    [Fact]
    public async Task Assign_VacantVillage_DefaultsToATwoYearTerm()
    {
        var village = await NewVillageAsync();

        await Postings.AssignAsync(Caller.System, new AssignInput { AssistantId = _newcomer, VillageId = village, StartDate = new DateOnly(2026, 3, 1) });

        var current = (await Villages.GetAsync(Caller.System, village)).CurrentPosting!;
        Assert.Equal((_newcomer, new DateOnly(2026, 3, 1), new DateOnly(2028, 2, 29)), (current.AssistantId, current.StartDate, current.PlannedEndDate));
    }

    [Fact]
    public async Task Assign_OccupiedVillage_RefusedNamingTheOccupant()
    {
        var occupant = (await Villages.GetAsync(Caller.System, _langwan)).CurrentPosting!.AssistantName;

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Postings.AssignAsync(Caller.System, new AssignInput { AssistantId = _newcomer, VillageId = _langwan, StartDate = new DateOnly(2026, 3, 1) }));

        Assert.Contains(ex.Errors, e => e.Field == "VillageId" && e.Message.Contains(occupant) && e.Message.Contains("更换"));
    }

    [Fact]
    public async Task Assign_AssistantServingElsewhere_Refused()
    {
        var serving = (await Villages.GetAsync(Caller.System, _langwan)).CurrentPosting!.AssistantId;
        var village = await NewVillageAsync();

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Postings.AssignAsync(Caller.System, new AssignInput { AssistantId = serving, VillageId = village, StartDate = new DateOnly(2026, 3, 1) }));

        Assert.Contains(ex.Errors, e => e.Field == "AssistantId" && e.Message.Contains("浪湾村"));
    }

    [Fact]
    public async Task Assign_PlannedEndBeforeStart_Refused()
    {
        var village = await NewVillageAsync();

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => Postings.AssignAsync(Caller.System,
            new AssignInput { AssistantId = _newcomer, VillageId = village, StartDate = new DateOnly(2026, 3, 1), PlannedEndDate = new DateOnly(2026, 1, 1) }));

        Assert.Equal("任期结束日期必须晚于开始日期。", ex.Errors.Single().Message);
    }

    [Fact]
    public async Task EndTerm_KeepsHistoryAndLeavesVillageVacant()
    {
        var posting = (await Villages.GetAsync(Caller.System, _langwan)).CurrentPosting!;

        await Postings.EndTermAsync(Caller.System, posting.Id, new EndTermInput { EndDate = new DateOnly(2026, 11, 1), Reason = "工作调动" });

        var village = await Villages.GetAsync(Caller.System, _langwan);
        Assert.Null(village.CurrentPosting);
        var ended = Assert.Single(village.Postings);
        Assert.Equal((new DateOnly(2026, 11, 1), "工作调动"), (ended.EndedOn, ended.EndReason));
    }

    [Fact]
    public async Task EndTerm_WithoutReasonOrBeforeStart_Refused()
    {
        var posting = (await Villages.GetAsync(Caller.System, _langwan)).CurrentPosting!;

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Postings.EndTermAsync(Caller.System, posting.Id, new EndTermInput { EndDate = posting.StartDate.AddDays(-1) }));

        Assert.Equal([nameof(EndTermInput.EndDate), nameof(EndTermInput.Reason)], ex.Errors.Select(e => e.Field));
        Assert.NotNull((await Villages.GetAsync(Caller.System, _langwan)).CurrentPosting);
    }

    [Fact]
    public async Task Replace_EndsTheTermTheDayBeforeAndPostsTheSuccessor()
    {
        var before = (await Villages.GetAsync(Caller.System, _langwan)).CurrentPosting!;

        await Postings.ReplaceAsync(Caller.System, _langwan, new ReplaceInput { SuccessorId = _newcomer, StartDate = new DateOnly(2026, 12, 1), Reason = "调整撤换" });

        var village = await Villages.GetAsync(Caller.System, _langwan);
        Assert.Equal(2, village.Postings.Count);
        Assert.Equal((_newcomer, new DateOnly(2026, 12, 1)), (village.CurrentPosting!.AssistantId, village.CurrentPosting.StartDate));
        var ended = village.Postings.Single(p => p.Id == before.Id);
        Assert.Equal((new DateOnly(2026, 11, 30), "调整撤换"), (ended.EndedOn, ended.EndReason));
    }

    [Fact]
    public async Task Replace_SuccessorServingElsewhere_RefusedAndNothingChanges()
    {
        var other = await _db.VillageIdAsync(Demo.ChengxiangTownship, Demo.BaotaVillage);
        var busy = (await Villages.GetAsync(Caller.System, other)).CurrentPosting!.AssistantId;
        var before = (await Villages.GetAsync(Caller.System, _langwan)).CurrentPosting!;

        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Postings.ReplaceAsync(Caller.System, _langwan, new ReplaceInput { SuccessorId = busy, StartDate = new DateOnly(2026, 12, 1), Reason = "调整撤换" }));

        var after = await Villages.GetAsync(Caller.System, _langwan);
        Assert.Equal(before, after.CurrentPosting);
        Assert.Single(after.Postings);
    }

    [Fact]
    public async Task Database_SecondCurrentPostingForAVillage_RejectedByUniqueIndex()
    {
        await using var db = await _db.OpenAsync();
        db.Postings.Add(new Posting { AssistantId = _newcomer, VillageId = _langwan, StartDate = new DateOnly(2026, 1, 1), PlannedEndDate = new DateOnly(2027, 12, 31) });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Assign_OnTheLastDayOfThePreviousTerm_RefusedButTheNextDayAccepted()
    {
        var posting = (await Villages.GetAsync(Caller.System, _langwan)).CurrentPosting!;
        await Postings.EndTermAsync(Caller.System, posting.Id, new EndTermInput { EndDate = new DateOnly(2026, 11, 28), Reason = "工作调动" });

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Postings.AssignAsync(Caller.System, new AssignInput { AssistantId = _newcomer, VillageId = _langwan, StartDate = new DateOnly(2026, 11, 28) }));
        Assert.Contains(ex.Errors, e => e.Field == "StartDate" && e.Message.Contains("2026-11-28"));

        await Postings.AssignAsync(Caller.System, new AssignInput { AssistantId = _newcomer, VillageId = _langwan, StartDate = new DateOnly(2026, 11, 29) });
        Assert.Equal(_newcomer, (await Villages.GetAsync(Caller.System, _langwan)).CurrentPosting!.AssistantId);
    }
}
