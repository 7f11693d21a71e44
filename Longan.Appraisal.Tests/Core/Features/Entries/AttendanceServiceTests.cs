using Longan.Appraisal.Core.Features.Attendance;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;

namespace Longan.Appraisal.Tests.Core.Features.Entries;

public sealed class AttendanceServiceTests : IAsyncLifetime
{
    private readonly CollectingCounty _county = new();

    private AttendanceService Service => _county.Get<AttendanceService>();

    public Task InitializeAsync() => _county.InitializeAsync();

    public Task DisposeAsync() => _county.DisposeAsync();

    [Fact]
    public async Task Grid_Township_ItsSixAssistantsWithTwelveEmptyMonths()
    {
        var grid = await Service.GridAsync(_county.Natong, _county.CycleId, _county.NatongId);

        Assert.Equal((2026, 20, 6), (grid.Year, grid.MinDays, grid.Rows.Count));
        Assert.All(grid.Rows, r => Assert.Equal(12, r.Days.Count(d => d is null)));
    }

    [Fact]
    public async Task Set_TownshipAddsAndChanges_OnlyTheCountyClears_GridFollows()
    {
        await Service.SetAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, 3, 18);
        await Service.SetAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, 4, 22);
        await Service.SetAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, 4, 21);
        // Spec §1: a township adds and changes attendance; removing a month is 组织部's.
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.SetAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, 3, null));
        await Service.SetAsync(_county.County, _county.CycleId, _county.LangwanAssistant, 3, null);

        var grid = await Service.GridAsync(_county.Natong, _county.CycleId, _county.NatongId);
        var row = grid.Rows.Single(r => r.AssistantId == _county.LangwanAssistant);
        Assert.Null(row.Days[2]);
        Assert.Equal(21, row.Days[3]);
        Assert.Equal((true, true, false), (grid.CanAdd, grid.CanChange, grid.CanDelete));
    }

    [Theory]
    [InlineData(2, 29, "2026 年 2 月的驻村天数须在 0 至 28 之间。")]
    [InlineData(1, 32, "2026 年 1 月的驻村天数须在 0 至 31 之间。")]
    [InlineData(6, -1, "2026 年 6 月的驻村天数须在 0 至 30 之间。")]
    public async Task Set_MoreDaysThanTheMonthHas_Refused(int month, int days, string message)
    {
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => Service.SetAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, month, days));

        Assert.Equal(message, ex.Errors.Single().Message);
    }

    [Fact]
    public async Task SetAndGrid_SupervisorOrOtherTownship_Refused()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.SetAsync(_county.Supervisor, _county.CycleId, _county.LangwanAssistant, 3, 20));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.SetAsync(_county.Chengxiang, _county.CycleId, _county.LangwanAssistant, 3, 20));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.GridAsync(_county.Chengxiang, _county.CycleId, _county.NatongId));
    }

    [Fact]
    public async Task Set_AMonthNotYetBegun_OrBeforeThePosting_IsRefused_AndTheGridSaysWhichMonthsTakeDays()
    {
        // The test clock stands at 2026-11-28: December has not begun.
        var december = await Assert.ThrowsAsync<ValidationFailedException>(() => Service.SetAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, 12, 22));
        Assert.Contains("2026 年 12 月还没有到", december.Message);
        await Service.SetAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, 11, 22);

        var grid = await Service.GridAsync(_county.Natong, _county.CycleId, _county.NatongId);
        var row = grid.Rows.Single(r => r.AssistantId == _county.LangwanAssistant);
        Assert.Equal(11, row.LastMonth);
        Assert.True(row.Takes(11));
        Assert.False(row.Takes(12));
        Assert.Equal("黄晓东 从 2026-03-01 起驻村，2 月不能录入考勤。", AttendanceMonths.Problem(2026, 2, "黄晓东", new DateOnly(2026, 3, 1), new DateOnly(2026, 11, 28)));
        Assert.Null(AttendanceMonths.Problem(2026, 3, "黄晓东", new DateOnly(2026, 3, 1), new DateOnly(2026, 11, 28)));
        Assert.Null(AttendanceMonths.Problem(2025, 12, "黄晓东", new DateOnly(2024, 3, 1), new DateOnly(2026, 11, 28)));
    }
}
