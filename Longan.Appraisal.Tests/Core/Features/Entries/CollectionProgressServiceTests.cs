using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Attendance;
using Longan.Appraisal.Core.Features.Collection;
using Longan.Appraisal.Core.Features.Evaluations;
using Longan.Appraisal.Core.Features.Supervision;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;

namespace Longan.Appraisal.Tests.Core.Features.Entries;

public sealed class CollectionProgressServiceTests : IAsyncLifetime
{
    private readonly CollectingCounty _county = new();

    private CollectionProgressService Service => _county.Get<CollectionProgressService>();

    public Task InitializeAsync() => _county.InitializeAsync();

    public Task DisposeAsync() => _county.DisposeAsync();

    [Fact]
    public async Task Get_AfterSomeEntries_CountsMoveAgainstTheMinimums()
    {
        var a = _county.LangwanAssistant;
        await _county.Get<VillagerTallyService>().AddAsync(_county.Natong, _county.CycleId, a, new TallyInput { Satisfied = 8, BasicallySatisfied = 2, Dissatisfied = 1, Invalid = 3 });
        await _county.Get<PartyBallotService>().AddAsync(_county.Natong, _county.CycleId, a, new PartyBallotInput { PolicyAdvocate = 18, PublicOpinion = 18, CivilAgent = 18, DisputeMediator = 18, PartyBuildingGuide = 18 });
        for (var i = 0; i < 4; i++)
        {
            await _county.Get<CadreBallotService>().AddAsync(_county.Natong, _county.CycleId, a, new CadreBallotInput { Grade = CadreGrade.Competent });
        }
        await _county.Get<SupervisionService>().AddAsync(_county.Supervisor, _county.CycleId, a, new SupervisionInput
        {
            Date = new DateOnly(2026, 4, 2), Nature = RecordNature.Commendation, Category = RecordCategory.ServiceAttitude, Description = "耐心帮老人办医保",
        });
        await _county.Get<AttendanceService>().SetAsync(_county.Natong, _county.CycleId, a, 1, 22);

        var progress = await Service.GetAsync(_county.Natong, _county.CycleId);

        Assert.Equal((10, 1, 5), (progress.MinVillagerVotes, progress.MinPartyBallots, progress.MinCadreBallots));
        Assert.Equal(6, progress.Rows.Count);
        var row = progress.Rows.Single(r => r.AssistantId == a);
        Assert.Equal((11, 1, 4, 1), (row.VillagerVotes, row.PartyBallots, row.CadreBallots, row.PendingRecords));
        Assert.True(progress.IsVillagersSufficient(row) && progress.IsPartySufficient(row));
        Assert.False(progress.IsCadresSufficient(row));
        Assert.False(progress.IsComplete(row));
        // 浪湾村's term began in March 2025: January–October 2026 are due on 28 November, one is recorded.
        Assert.Equal(9, row.MissingMonths);
    }

    [Fact]
    public async Task Get_County_SeesAllSixtyAssistants_SupervisorRefused()
    {
        Assert.Equal(60, (await Service.GetAsync(_county.County, _county.CycleId)).Rows.Count);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.GetAsync(_county.Supervisor, _county.CycleId));
    }

    [Theory]
    [InlineData(2026, "2025-03-01", "2026-11-28", 10)]
    [InlineData(2026, "2026-03-01", "2026-11-28", 8)]
    [InlineData(2025, "2025-03-01", "2026-11-28", 10)]
    [InlineData(2027, "2026-03-01", "2026-11-28", 0)]
    public void ExpectedMonths_FromServiceStartToLastFinishedMonth(int year, string servedFrom, string today, int expected)
    {
        var from = DateOnly.Parse(servedFrom, System.Globalization.CultureInfo.InvariantCulture);
        var now = DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, CollectionProgressService.ExpectedMonths(year, from < new DateOnly(year, 1, 1) ? new DateOnly(year, 1, 1) : from, now));
    }
}
