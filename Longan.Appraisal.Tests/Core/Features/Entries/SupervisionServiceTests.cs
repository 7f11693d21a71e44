using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Supervision;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;

namespace Longan.Appraisal.Tests.Core.Features.Entries;

public sealed class SupervisionServiceTests : IAsyncLifetime
{
    private readonly CollectingCounty _county = new();

    private SupervisionService Service => _county.Get<SupervisionService>();

    public Task InitializeAsync() => _county.InitializeAsync();

    public Task DisposeAsync() => _county.DisposeAsync();

    private static SupervisionInput Issue(IssueSeverity? severity = IssueSeverity.Minor, string date = "2026-03-18") => new()
    {
        Date = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), Nature = RecordNature.Issue, Category = RecordCategory.OnDuty,
        Severity = severity, Description = "3月18日工作日到村未见助理员",
    };

    [Fact]
    public async Task File_BySupervisor_UnderTheirOwnNameAndPending()
    {
        await Service.AddAsync(_county.Supervisor, _county.CycleId, _county.LangwanAssistant, Issue());

        var row = Assert.Single(await Service.ListAllAsync(_county.Supervisor, _county.CycleId, _county.LangwanAssistant));
        Assert.Equal((Verification.Pending, Demo.Supervisor), (row.Verification, row.FiledBy));
        Assert.False(string.IsNullOrEmpty(row.SupervisorName));
    }

    [Theory]
    [InlineData(null, "2026-03-18", nameof(SupervisionInput.Severity), "问题记录须选择严重程度。")]
    [InlineData(IssueSeverity.Minor, "2025-12-31", nameof(SupervisionInput.Date), "日期须在 2026 年内。")]
    [InlineData(IssueSeverity.Minor, "2026-11-29", nameof(SupervisionInput.Date), "日期不能晚于今天。")]
    public async Task File_InvalidRecord_Refused(IssueSeverity? severity, string date, string field, string message)
    {
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Service.AddAsync(_county.Supervisor, _county.CycleId, _county.LangwanAssistant, Issue(severity, date)));

        Assert.Contains(ex.Errors, e => e.Field == field && e.Message == message);
    }

    [Fact]
    public async Task File_Commendation_DropsAnySeverity()
    {
        var input = Issue();
        input.Nature = RecordNature.Commendation;
        input.SupervisorName = "黄德才";

        await Service.AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, input);

        Assert.Null((await Service.ListAllAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant)).Single().Severity);
    }

    [Fact]
    public async Task Verify_ByOwnTownship_ConfirmedOrRejectedWithNote()
    {
        var a = await Service.AddAsync(_county.Supervisor, _county.CycleId, _county.LangwanAssistant, Issue());
        var b = await Service.AddAsync(_county.Supervisor, _county.CycleId, _county.LangwanAssistant, Issue(IssueSeverity.Serious));

        await Service.VerifyAsync(_county.Natong, a, 1, new VerifyInput { Result = Verification.Confirmed });
        var noNote = await Assert.ThrowsAsync<ValidationFailedException>(() => Service.VerifyAsync(_county.Natong, b, 1, new VerifyInput { Result = Verification.Rejected }));
        await Service.VerifyAsync(_county.Natong, b, 1, new VerifyInput { Result = Verification.Rejected, Note = "当天在镇里参加培训，有签到" });

        Assert.Equal("核实为“不属实”时请写明情况。", noNote.Errors.Single().Message);
        var rows = await Service.ListAllAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant);
        Assert.Equal(Verification.Confirmed, rows.Single(r => r.Id == a).Verification);
        Assert.Equal((Verification.Rejected, Demo.Natong), (rows.Single(r => r.Id == b).Verification, rows.Single(r => r.Id == b).VerifiedBy));
    }

    [Fact]
    public async Task Verify_BySupervisorOrOtherTownship_Refused()
    {
        var id = await Service.AddAsync(_county.Supervisor, _county.CycleId, _county.LangwanAssistant, Issue());

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.VerifyAsync(_county.Supervisor, id, 1, new VerifyInput { Result = Verification.Confirmed }));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.VerifyAsync(_county.Chengxiang, id, 1, new VerifyInput { Result = Verification.Confirmed }));
    }

    [Fact]
    public async Task Edit_AfterVerification_SupervisorAndTownshipRefused_CountyEditNeedsVerifyingAgain()
    {
        var id = await Service.AddAsync(_county.Supervisor, _county.CycleId, _county.LangwanAssistant, Issue());
        await Service.VerifyAsync(_county.Natong, id, 1, new VerifyInput { Result = Verification.Confirmed });

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => Service.UpdateAsync(_county.Supervisor, id, 2, Issue(IssueSeverity.Moderate)));
        Assert.Equal("乡镇已核实这条记录，不能再修改或删除；如有出入，请联系乡镇党委。", ex.Message);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.DeleteAsync(_county.Supervisor, id, 2));
        // Spec §1: a township adds, verifies and changes the verdict; the record's content is the supervisor's (or 组织部's to correct).
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.UpdateAsync(_county.Natong, id, 2, Issue(IssueSeverity.Moderate)));
        await Service.UpdateAsync(_county.County, id, 2, Issue(IssueSeverity.Moderate));

        var row = (await Service.ListAllAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant)).Single();
        Assert.Equal((IssueSeverity.Moderate, Verification.Pending), (row.Severity, row.Verification));
    }

    [Fact]
    public async Task ListPending_Township_OnlyItsOwnVillages()
    {
        await Service.AddAsync(_county.Supervisor, _county.CycleId, _county.LangwanAssistant, Issue());
        await Service.AddAsync(_county.County, _county.CycleId, _county.BaotaAssistant, new SupervisionInput
        {
            Date = new DateOnly(2026, 5, 1), SupervisorName = "黄德才", Nature = RecordNature.Commendation, Category = RecordCategory.Achievements, Description = "帮村里争取到灌溉项目",
        });

        Assert.Equal([_county.LangwanAssistant], (await Service.ListPendingAsync(_county.Natong, _county.CycleId)).Select(r => r.AssistantId));
        Assert.Equal([_county.BaotaAssistant], (await Service.ListPendingAsync(_county.Chengxiang, _county.CycleId)).Select(r => r.AssistantId));
        Assert.Equal(2, (await Service.ListPendingAsync(_county.County, _county.CycleId)).Count);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.ListPendingAsync(_county.Supervisor, _county.CycleId));
    }
}
