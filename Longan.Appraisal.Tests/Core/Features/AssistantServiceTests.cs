using System.Globalization;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Features.Accounts;
using Longan.Appraisal.Core.Features.Assistants;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;

namespace Longan.Appraisal.Tests.Core.Features;

public sealed class AssistantServiceTests : IAsyncLifetime
{
    private TestDatabase _db = default!;

    private AssistantService Service => _db.Get<AssistantService>();

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(demoCounty: true);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static AssistantInput Valid(string code = "007") => new()
    {
        Code = code, Name = "覃秀珍", Gender = Gender.Female, Ethnicity = "壮族", BirthDate = new DateOnly(1995, 6, 1),
        PoliticalStatus = "中共党员", Education = "大学本科", SendingUnitAndPost = "那桐镇人民政府党政办干事", Phone = "138 7710 0000",
    };

    [Fact]
    public async Task Create_AllFields_SavedWithCodeAsText()
    {
        var id = await Service.CreateAsync(Caller.System, Valid("007"));

        var a = await Service.GetAsync(Caller.System, id);
        Assert.Equal("007", a.Code);
        Assert.Equal(("覃秀珍", Gender.Female, "壮族", new DateOnly(1995, 6, 1)), (a.Name, a.Gender, a.Ethnicity, a.BirthDate));
        Assert.Equal(("中共党员", "大学本科", "那桐镇人民政府党政办干事"), (a.PoliticalStatus, a.Education, a.SendingUnitAndPost));
        Assert.Null(a.CurrentPosting);
    }

    [Fact]
    public async Task Create_Empty_NamesEachMissingFieldInChinese()
    {
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => Service.CreateAsync(Caller.System, new AssistantInput()));

        Assert.Equal(
            [(nameof(AssistantInput.Code), "请填写“编号”。"), (nameof(AssistantInput.Name), "请填写“姓名”。")],
            ex.Errors.Select(e => (e.Field, e.Message)));
    }

    [Fact]
    public async Task Create_Empty_InEnglish_MessagesInEnglish()
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        try
        {
            var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => Service.CreateAsync(Caller.System, new AssistantInput()));
            Assert.Equal(["Code is required.", "Name is required."], ex.Errors.Select(e => e.Message));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public async Task Create_DuplicateCode_NamesTheHolder()
    {
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => Service.CreateAsync(Caller.System, Valid("LA0008")));

        Assert.Equal("编号“LA0008”已被助理员翟珊妹使用，编号不能重复。", ex.Errors.Single().Message);
    }

    [Theory]
    [InlineData("2026-11-29", nameof(AssistantInput.BirthDate), "出生日期不能晚于今天。")]
    [InlineData("1939-12-31", nameof(AssistantInput.BirthDate), "出生日期不能早于 1940 年，请检查是否填错。")]
    public async Task Create_ImplausibleBirthDate_Refused(string birth, string field, string message)
    {
        var input = Valid();
        input.BirthDate = DateOnly.Parse(birth, CultureInfo.InvariantCulture);

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => Service.CreateAsync(Caller.System, input));

        Assert.Equal((field, message), (ex.Errors.Single().Field, ex.Errors.Single().Message));
    }

    [Fact]
    public async Task Create_NameTheCardCannotPrint_Refused_RareButStandardCharactersAccepted()
    {
        var input = Valid("X2");
        input.Name = "田𠮷";

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => Service.CreateAsync(Caller.System, input));

        Assert.Equal((nameof(AssistantInput.Name), "姓名中的“𠮷”不在报告卡的字库中，打印出来会缺字。请先核对是否录入有误；如确是身份证上的生僻字，请改用通行的写法登记，并告知县委组织部备案。"),
            (ex.Errors.Single().Field, ex.Errors.Single().Message));
        input.Name = "陆𬇙";
        Assert.True(await Service.CreateAsync(Caller.System, input) > 0);
    }

    [Fact]
    public async Task Create_BornToday_Accepted()
    {
        var input = Valid();
        input.BirthDate = new DateOnly(2026, 11, 28);

        Assert.True(await Service.CreateAsync(Caller.System, input) > 0);
    }

    [Fact]
    public async Task Create_BadPhone_Refused()
    {
        var input = Valid("X1");
        input.Phone = "138abc";

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => Service.CreateAsync(Caller.System, input));

        Assert.Contains(ex.Errors, e => e.Field == nameof(AssistantInput.Phone) && e.Message == "联系电话只能包含数字、空格、“+”和“-”。");
    }

    [Fact]
    public async Task Create_CodeTypedWithBlanks_StoredWithout()
    {
        var id = await Service.CreateAsync(Caller.System, Valid("a 01"));

        Assert.Equal("A01", (await Service.GetAsync(Caller.System, id)).Code);
    }

    [Fact]
    public async Task Create_InvalidInput_SavesNothing()
    {
        var before = (await Service.QueryAsync(Caller.System, new AssistantQuery(new PageRequest()))).TotalCount;
        var input = Valid();
        input.Phone = "call me";

        await Assert.ThrowsAsync<ValidationFailedException>(() => Service.CreateAsync(Caller.System, input));

        Assert.Equal(before, (await Service.QueryAsync(Caller.System, new AssistantQuery(new PageRequest()))).TotalCount);
    }

    [Fact]
    public async Task Delete_AssistantWithPostings_RefusedWithAdviceToDeactivate()
    {
        var someone = (await Service.QueryAsync(Caller.System, new AssistantQuery(new PageRequest()))).Items[0];

        var ex = await Assert.ThrowsAsync<RuleViolationException>(() => Service.DeleteAsync(Caller.System, someone.Id));

        Assert.Contains("任职记录", ex.Message);
        Assert.Contains("停用", ex.Message);
    }

    [Fact]
    public async Task Delete_AssistantWithAccount_Refused()
    {
        var id = await Service.CreateAsync(Caller.System, Valid());
        await _db.Get<AccountService>().CreateAsync(Caller.System, new AccountInput { UserName = "qin.zl", DisplayName = "覃秀珍", Role = AppRole.Assistant, AssistantId = id, Password = "passphrase-1" });

        var ex = await Assert.ThrowsAsync<RuleViolationException>(() => Service.DeleteAsync(Caller.System, id));

        Assert.Contains("账号", ex.Message);
    }

    [Fact]
    public async Task Delete_NewAssistant_Removed()
    {
        var id = await Service.CreateAsync(Caller.System, Valid());

        await Service.DeleteAsync(Caller.System, id);

        await Assert.ThrowsAsync<NotFoundException>(() => Service.GetAsync(Caller.System, id));
    }

    [Fact]
    public async Task Deactivate_ServingAssistant_RefusedUntilTermEnds()
    {
        var serving = (await Service.QueryAsync(Caller.System, new AssistantQuery(new PageRequest()))).Items.First(a => a.VillageId is not null);

        var ex = await Assert.ThrowsAsync<RuleViolationException>(() => Service.SetActiveAsync(Caller.System, serving.Id, false));

        Assert.Contains("仍在村任职", ex.Message);
    }

    [Fact]
    public async Task Query_Unposted_ListsOnlyThoseWithoutCurrentPosting()
    {
        var id = await Service.CreateAsync(Caller.System, Valid());

        var page = await Service.QueryAsync(Caller.System, new AssistantQuery(new PageRequest(), Unposted: true));

        Assert.Equal([id], page.Items.Select(a => a.Id));
    }

    [Theory]
    [InlineData(nameof(AssistantRow.Code))]
    [InlineData(nameof(AssistantRow.Name))]
    [InlineData(nameof(AssistantRow.TownshipName))]
    [InlineData(nameof(AssistantRow.VillageName))]
    [InlineData(nameof(AssistantRow.TermStart))]
    [InlineData(nameof(AssistantRow.TermPlannedEnd))]
    [InlineData(nameof(AssistantRow.IsActive))]
    public async Task Query_EverySortColumnBothWays_Translates(string column)
    {
        foreach (var descending in new[] { false, true })
        {
            var page = await Service.QueryAsync(Caller.System, new AssistantQuery(new PageRequest(SortBy: column, Descending: descending, PageSize: 100)));
            Assert.Equal(60, page.Items.Select(a => a.Id).Distinct().Count());
        }
    }

    [Fact]
    public async Task Query_SearchByVillage_FindsItsAssistant()
    {
        var page = await Service.QueryAsync(Caller.System, new AssistantQuery(new PageRequest("浪湾")));

        var row = Assert.Single(page.Items);
        Assert.Equal(("那桐镇", "浪湾村"), (row.TownshipName, row.VillageName));
    }
}
