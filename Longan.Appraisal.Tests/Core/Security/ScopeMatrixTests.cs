using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Features.Accounts;
using Longan.Appraisal.Core.Features.Assistants;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Postings;
using Longan.Appraisal.Core.Features.Supervisors;
using Longan.Appraisal.Core.Features.Townships;
using Longan.Appraisal.Core.Features.Villages;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Tests.Core.Security;

/// <summary>
/// Spec §1 as a table: for each role, what it may and may not read or write through the services.
/// A refusal must be an <see cref="AccessDeniedException"/>, never data.
/// </summary>
public sealed class ScopeMatrixTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private Scene _scene = default!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(demoCounty: true);
        await using var ctx = await _db.OpenAsync();
        var langwan = await _db.VillageIdAsync(Demo.NatongTownship, Demo.LangwanVillage);
        var baota = await _db.VillageIdAsync(Demo.ChengxiangTownship, Demo.BaotaVillage);
        var natongId = await ctx.Townships.Where(t => t.Name == Demo.NatongTownship).Select(t => t.Id).SingleAsync();
        var chengxiangId = await ctx.Townships.Where(t => t.Name == Demo.ChengxiangTownship).Select(t => t.Id).SingleAsync();
        var currentAt = async (int village) => await ctx.Postings.Where(p => p.VillageId == village && p.EndedOn == null).Select(p => p.AssistantId).SingleAsync();
        var supervisorAt = async (int village) => await ctx.Supervisors.Where(s => s.VillageId == village).Select(s => s.Id).FirstAsync();
        _scene = new Scene(natongId, chengxiangId, langwan, baota, await currentAt(langwan), await currentAt(baota),
            await supervisorAt(langwan), await supervisorAt(baota));
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    /// <summary>Who the demo logins are: county, 那桐镇 committee, 浪湾村 supervisor, 浪湾村 assistant.</summary>
    public static TheoryData<string, string, bool> Matrix()
    {
        var data = new TheoryData<string, string, bool>();
        void Row(string operation, bool county, bool township, bool supervisor, bool assistant)
        {
            data.Add(Demo.County, operation, county);
            data.Add(Demo.Natong, operation, township);
            data.Add(Demo.Supervisor, operation, supervisor);
            data.Add(Demo.Assistant, operation, assistant);
        }

        //                                   county township supervisor assistant
        Row("list townships",                 true,  true,    false,     false);
        Row("read own township",              true,  true,    false,     false);
        Row("read other township",            true,  false,   false,     false);
        Row("list villages",                  true,  true,    false,     false);
        Row("read own village",               true,  true,    true,      false);
        Row("read other township's village",  true,  false,   false,     false);
        Row("list assistants",                true,  true,    false,     false);
        Row("read own village's assistant",   true,  true,    true,      true);
        Row("read other village's assistant", true,  false,   false,     false);
        Row("list supervisors",               true,  true,    false,     false);
        Row("read own village's supervisor",  true,  true,    false,     false);
        Row("read other village's supervisor", true, false,   false,     false);
        Row("create township",                true,  false,   false,     false);
        Row("edit own township",              true,  false,   false,     false);
        Row("create village",                 true,  false,   false,     false);
        Row("edit own village",               true,  false,   false,     false);
        Row("create assistant",               true,  false,   false,     false);
        Row("edit own village's assistant",   true,  false,   false,     false);
        Row("end own village's term",         true,  false,   false,     false);
        Row("create supervisor",              true,  false,   false,     false);
        Row("list accounts",                  true,  false,   false,     false);
        Row("create account",                 true,  false,   false,     false);
        Row("unlock account",                 true,  false,   false,     false);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Service_CallerRoleAndScope_AllowedOrRefused(string userName, string operation, bool allowed)
    {
        var caller = await _db.CallerAsync(userName);
        var act = Operation(operation);

        if (allowed)
        {
            await act(caller);
        }
        else
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => act(caller));
        }
    }

    [Fact]
    public async Task QueryVillages_TownshipCaller_SeesOnlyOwnTownship()
    {
        var caller = await _db.CallerAsync(Demo.Natong);
        var page = await _db.Get<VillageService>().QueryAsync(caller, new VillageQuery(new PageRequest(PageSize: 500)));

        Assert.Equal(6, page.TotalCount);
        Assert.All(page.Items, v => Assert.Equal(Demo.NatongTownship, v.TownshipName));
    }

    [Fact]
    public async Task QueryVillages_TownshipCallerFiltersOtherTownship_GetsNothing()
    {
        var caller = await _db.CallerAsync(Demo.Natong);
        var page = await _db.Get<VillageService>().QueryAsync(caller, new VillageQuery(new PageRequest(), TownshipId: _scene.Chengxiang));

        Assert.Equal(0, page.TotalCount);
    }

    [Fact]
    public async Task QueryAssistantsAndSupervisors_TownshipCaller_SeesOnlyOwnTownship()
    {
        var caller = await _db.CallerAsync(Demo.Natong);
        var assistants = await _db.Get<AssistantService>().QueryAsync(caller, new AssistantQuery(new PageRequest(PageSize: 500)));
        var supervisors = await _db.Get<SupervisorService>().QueryAsync(caller, new SupervisorQuery(new PageRequest(PageSize: 500)));

        Assert.Equal(6, assistants.TotalCount);
        Assert.All(assistants.Items, a => Assert.Equal(Demo.NatongTownship, a.TownshipName));
        Assert.InRange(supervisors.TotalCount, 12, 18);
        Assert.All(supervisors.Items, s => Assert.Equal(Demo.NatongTownship, s.TownshipName));
    }

    [Fact]
    public async Task ListVillageOptions_TownshipCaller_OffersOnlyOwnVillages()
    {
        var caller = await _db.CallerAsync(Demo.Natong);
        var options = await _db.Get<VillageService>().ListOptionsAsync(caller, term: "村", take: 500);

        Assert.Equal(6, options.Count);
        Assert.All(options, o => Assert.Equal(Demo.NatongTownship, o.TownshipName));
    }

    private Func<Caller, Task> Operation(string name)
    {
        var townships = _db.Get<TownshipService>();
        var villages = _db.Get<VillageService>();
        var assistants = _db.Get<AssistantService>();
        var supervisors = _db.Get<SupervisorService>();
        var postings = _db.Get<PostingService>();
        var accounts = _db.Get<AccountService>();
        var s = _scene;
        return name switch
        {
            "list townships" => c => townships.ListAsync(c),
            "read own township" => c => townships.GetAsync(c, s.Natong),
            "read other township" => c => townships.GetAsync(c, s.Chengxiang),
            "list villages" => c => villages.QueryAsync(c, new VillageQuery(new PageRequest())),
            "read own village" => c => villages.GetAsync(c, s.Langwan),
            "read other township's village" => c => villages.GetAsync(c, s.Baota),
            "list assistants" => c => assistants.QueryAsync(c, new AssistantQuery(new PageRequest())),
            "read own village's assistant" => c => assistants.GetAsync(c, s.LangwanAssistant),
            "read other village's assistant" => c => assistants.GetAsync(c, s.BaotaAssistant),
            "list supervisors" => c => supervisors.QueryAsync(c, new SupervisorQuery(new PageRequest())),
            "read own village's supervisor" => c => supervisors.GetAsync(c, s.LangwanSupervisor),
            "read other village's supervisor" => c => supervisors.GetAsync(c, s.BaotaSupervisor),
            "create township" => c => townships.CreateAsync(c, new TownshipInput { Name = "新乡" + Guid.NewGuid().ToString("N")[..6] }),
            "edit own township" => c => townships.UpdateAsync(c, s.Natong, new TownshipInput { Name = Demo.NatongTownship, SortOrder = 40 }),
            "create village" => c => villages.CreateAsync(c, new VillageInput { TownshipId = s.Natong, Name = "新村" + Guid.NewGuid().ToString("N")[..6] }),
            "edit own village" => c => villages.UpdateAsync(c, s.Langwan, new VillageInput { TownshipId = s.Natong, Name = Demo.LangwanVillage, StationName = "浪湾村便民服务站" }),
            "create assistant" => c => assistants.CreateAsync(c, new AssistantInput { Code = "T" + Guid.NewGuid().ToString("N")[..8], Name = "测试员" }),
            "edit own village's assistant" => async c =>
            {
                var current = await assistants.GetAsync(Caller.System, s.LangwanAssistant);
                await assistants.UpdateAsync(c, s.LangwanAssistant, AssistantInput.From(current));
            },
            "end own village's term" => async c =>
            {
                var posting = (await villages.GetAsync(Caller.System, s.Langwan)).CurrentPosting!;
                await postings.EndTermAsync(c, posting.Id, new EndTermInput { EndDate = new DateOnly(2026, 11, 1), Reason = "任期调整" });
            },
            "create supervisor" => c => supervisors.CreateAsync(c, new SupervisorInput { VillageId = s.Langwan, Name = "新监督员", Kind = SupervisorKind.RetiredTeacher }),
            "list accounts" => c => accounts.QueryAsync(c, new PageRequest()),
            "create account" => c => accounts.CreateAsync(c, new AccountInput
            {
                UserName = "new." + Guid.NewGuid().ToString("N")[..6],
                DisplayName = "新账号",
                Role = AppRole.Township,
                TownshipId = s.Natong,
                Password = "a-long-passphrase",
            }),
            "unlock account" => async c =>
            {
                var natong = (await accounts.QueryAsync(Caller.System, new PageRequest(Demo.Natong))).Items.Single(a => a.UserName == Demo.Natong);
                await accounts.UnlockAsync(c, natong.Id);
            },
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown operation"),
        };
    }

    private sealed record Scene(int Natong, int Chengxiang, int Langwan, int Baota, int LangwanAssistant, int BaotaAssistant, int LangwanSupervisor, int BaotaSupervisor);
}
