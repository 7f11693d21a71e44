using Bunit;
using Longan.Appraisal.Core.Features.Townships;
using Longan.Appraisal.Tests.Infrastructure;
using Longan.Appraisal.Web.Components.Pages.Audit;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Tests.Web.Components;

public sealed class AuditPageTests : BunitTestBase
{
    [Fact]
    public async Task County_SeesChangesWithBeforeAndAfter_ChecksTheChain_ThenSeesTampering()
    {
        var county = await SignInAsync(Demo.County);
        var townships = Database.Get<TownshipService>();
        var id = await townships.CreateAsync(county, new TownshipInput { Name = "审计乡", SortOrder = 500 });
        await townships.UpdateAsync(county, id, new TownshipInput { Name = "审计镇", SortOrder = 500 });

        var cut = Render<AuditPage>();

        cut.WaitForAssertion(() => Assert.Contains("审计乡 → 审计镇", cut.Markup));
        Assert.Contains("修改", cut.Markup);
        Assert.Contains(Demo.County, cut.Markup);
        cut.Find("[data-testid=audit-verify]").Click();
        cut.WaitForAssertion(() => Assert.Contains("审计日志完整", cut.Find("[data-testid=audit-verification]").TextContent));

        await using (var db = await Database.OpenAsync())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE AuditRecords SET SubjectKey = '999' WHERE Id = 3");
        }
        cut.Find("[data-testid=audit-verify]").Click();
        cut.WaitForAssertion(() => Assert.Contains("问题出在第 3 条", cut.Find("[data-testid=audit-verification]").TextContent));
    }

    [Fact]
    public async Task Records_ReadInWords_NamesForIds_EnumsInChinese_RulesByTheirLabels()
    {
        var county = await SignInAsync(Demo.County);
        var cycles = Database.Get<Longan.Appraisal.Core.Features.Cycles.CycleService>();
        var cycle = await cycles.CreateAsync(county, 2030);
        await cycles.UpdateRulesAsync(county, cycle, new Longan.Appraisal.Core.Domain.CycleRules { AppealWindowDays = 10 });
        await cycles.TransitionAsync(county, cycle, Longan.Appraisal.Core.Domain.CycleState.Collecting, null);

        var cut = Render<AuditPage>();

        cut.WaitForAssertion(() => Assert.Contains("草稿 → 采集中", cut.Markup));
        Assert.Contains("2030 年度", cut.Markup);
        Assert.Contains(Longan.Appraisal.Core.Resources.Messages.Get("Rule.AppealWindowDays") + "</b>：7 → 10", cut.Markup);
        Assert.DoesNotContain("Draft", cut.Markup);
    }

    [Fact]
    public async Task Accounts_NamedByLogin_NotByGuid_LabelsSeparatedFromValues()
    {
        await SignInAsync(Demo.County);
        var supervisor = await Database.CallerAsync(Demo.Supervisor);

        var cut = Render<AuditPage>();

        cut.WaitForAssertion(() => Assert.Contains("demo", cut.Markup, StringComparison.OrdinalIgnoreCase));
        var subjects = cut.FindAll(".audit-subject").Select(e => e.ParentElement!.TextContent.Trim()).ToList();
        Assert.Contains(subjects, s => s.StartsWith("账号：" + Demo.Supervisor, StringComparison.Ordinal));
        Assert.DoesNotContain(supervisor.UserId, cut.Find("[data-testid=audit-grid]").TextContent);
        Assert.DoesNotContain(subjects, s => System.Text.RegularExpressions.Regex.IsMatch(s, @"^[^：]+[0-9]"));
    }

    [Fact]
    public async Task ACorrectionOfAnEntry_SaysWhoseEntryItIs()
    {
        var county = await SignInAsync(Demo.County);
        var assistant = await Database.CallerAsync(Demo.Assistant);
        var cycles = Database.Get<Longan.Appraisal.Core.Features.Cycles.CycleService>();
        var cycle = await cycles.CreateAsync(county, 2026);
        await cycles.TransitionAsync(county, cycle, Longan.Appraisal.Core.Domain.CycleState.Collecting, null);
        var attendance = Database.Get<Longan.Appraisal.Core.Features.Attendance.AttendanceService>();
        await attendance.SetAsync(county, cycle, assistant.AssistantId!.Value, 5, 24);
        await attendance.SetAsync(county, cycle, assistant.AssistantId!.Value, 5, 10);
        await using var db = await Database.OpenAsync();
        var name = (await db.Assistants.SingleAsync(a => a.Id == assistant.AssistantId)).Name;

        var cut = Render<AuditPage>();

        cut.WaitForAssertion(() => Assert.Contains("24 → 10", cut.Markup));
        var row = cut.FindAll("[data-testid=audit-grid] tbody tr").First(r => r.TextContent.Contains("24 → 10", StringComparison.Ordinal));
        Assert.Contains(name, row.TextContent);
    }

    [Fact]
    public async Task Township_IsRefused()
    {
        await SignInAsync(Demo.Natong);

        var cut = Render<AuditPage>();

        cut.WaitForAssertion(() => Assert.Contains("审计日志只有县委组织部可以查看", cut.Markup));
        Assert.Empty(cut.FindAll("[data-testid=audit-grid]"));
    }

    [Fact]
    public async Task EveryRecordedField_HasAChineseAndAnEnglishName()
    {
        await using var db = await Database.OpenAsync();
        var fields = db.Model.GetEntityTypes().Where(t => Longan.Appraisal.Core.Persistence.AuditCapture.IsAudited(t.ClrType))
            .SelectMany(t => t.GetProperties()).Select(p => p.Name).Where(n => !Longan.Appraisal.Core.Persistence.AuditCapture.IsBookkeeping(n)).Distinct().Order(StringComparer.Ordinal).ToList();
        var resources = new System.Resources.ResourceManager(typeof(Longan.Appraisal.Web.Resources.SharedResource));
        string? Name(string field, string culture) => resources.GetResourceSet(new System.Globalization.CultureInfo(culture), true, false)!.GetString($"AuditField.{field}");

        var rules = new System.Resources.ResourceManager("Longan.Appraisal.Core.Resources.Messages", typeof(Longan.Appraisal.Core.Resources.Messages).Assembly);
        bool IsRule(string field) => rules.GetString($"Rule.{field}", new System.Globalization.CultureInfo("en")) is not null && rules.GetString($"Rule.{field}", System.Globalization.CultureInfo.InvariantCulture) is not null;
        var unnamed = fields.Where(f => !IsRule(f) && (Name(f, "") is null || Name(f, "en") is null)).ToList();

        Assert.True(unnamed.Count == 0, "No AuditField name for: " + string.Join(", ", unnamed));
    }
}
