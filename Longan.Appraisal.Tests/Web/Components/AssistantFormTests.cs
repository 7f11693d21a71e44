using Bunit;
using Longan.Appraisal.Core.Features.Assistants;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;
using Longan.Appraisal.Web.Components.Pages.Assistants;

namespace Longan.Appraisal.Tests.Web.Components;

public sealed class AssistantFormTests : BunitTestBase
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SignInAsync(Demo.County);
    }

    private async Task<int> CountAsync() =>
        (await Database.Get<AssistantService>().QueryAsync(Caller.System, new AssistantQuery(new PageRequest()))).TotalCount;

    [Fact]
    public async Task Save_EmptyForm_ShowsChineseMessagesBesideCodeAndName_AndSavesNothing()
    {
        var before = await CountAsync();
        var saved = false;
        var cut = Render<AssistantForm>(p => p.Add(f => f.Input, new AssistantInput()).Add(f => f.OnSaved, _ => saved = true));

        cut.Find("[data-testid=assistant-save]").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("请填写“编号”。", cut.Markup);
            Assert.Contains("请填写“姓名”。", cut.Markup);
        });
        Assert.False(saved);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public void Save_CodeOfAnotherAssistant_NamesWhoHasIt()
    {
        var cut = Render<AssistantForm>(p => p.Add(f => f.Input, new AssistantInput { Code = "LA0008", Name = "黄丽华" }));

        cut.Find("[data-testid=assistant-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("编号“LA0008”已被助理员翟珊妹使用，编号不能重复。", cut.Markup));
    }

    [Fact]
    public void Save_BadPhone_MessageBesideThePhoneField()
    {
        var cut = Render<AssistantForm>(p => p.Add(f => f.Input, new AssistantInput { Code = "LA0100", Name = "黄丽华", Phone = "一三八" }));

        cut.Find("[data-testid=assistant-save]").Click();

        cut.WaitForAssertion(() =>
        {
            var phoneField = cut.Find("[data-testid=assistant-phone]").Closest(".mud-input-control")!;
            Assert.Contains("联系电话只能包含数字、空格、“+”和“-”。", phoneField.TextContent);
        });
    }

    [Fact]
    public async Task Save_ValidForm_SavesAndReportsTheNewId()
    {
        int? savedId = null;
        var cut = Render<AssistantForm>(p => p
            .Add(f => f.Input, new AssistantInput { Code = "007", Name = "黄丽华" })
            .Add(f => f.OnSaved, id => savedId = id));

        cut.Find("[data-testid=assistant-save]").Click();

        cut.WaitForAssertion(() => Assert.NotNull(savedId));
        var saved = await Database.Get<AssistantService>().GetAsync(Caller.System, savedId!.Value);
        Assert.Equal(("007", "黄丽华"), (saved.Code, saved.Name));
    }

    [Fact]
    public void Render_ShowsChineseLabels()
    {
        var cut = Render<AssistantForm>(p => p.Add(f => f.Input, new AssistantInput()));

        foreach (var label in new[] { "编号", "姓名", "性别", "民族", "出生日期", "政治面貌", "学历", "派出单位及职务", "联系电话" })
        {
            Assert.Contains(label, cut.Markup);
        }
    }

    [Fact]
    public void Save_AgainAfterEditingAFieldWithAnError_ShowsTheNewError()
    {
        var cut = Render<AssistantForm>(p => p.Add(f => f.Input, new AssistantInput()));
        cut.Find("[data-testid=assistant-save]").Click();
        cut.WaitForAssertion(() => Assert.Contains("请填写“编号”。", cut.Markup));

        cut.Find("[data-testid=assistant-code]").Change("LA0008");
        cut.Find("[data-testid=assistant-name]").Change("黄丽华");
        cut.Find("[data-testid=assistant-save]").Click();

        cut.WaitForAssertion(() =>
        {
            var codeField = cut.Find("[data-testid=assistant-code]").Closest(".mud-input-control")!;
            Assert.Contains("编号“LA0008”已被助理员翟珊妹使用，编号不能重复。", codeField.TextContent);
        });
    }
}
