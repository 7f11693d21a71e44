using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Attendance;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Evaluations;
using Longan.Appraisal.Core.Features.Supervision;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Tests.Core.Features.Entries;

/// <summary>Every kind of entry against every role and every cycle state (spec §1–§3), for 浪湾村's assistant.</summary>
public sealed class EntryRulesMatrixTests : IAsyncLifetime
{
    private readonly CollectingCounty _county = new();

    public Task InitializeAsync() => _county.InitializeAsync();

    public Task DisposeAsync() => _county.DisposeAsync();

    public static readonly string[] Kinds = ["tally", "party", "cadre", "record", "attendance"];

    public static TheoryData<string, string, CycleState, bool> Matrix()
    {
        var data = new TheoryData<string, string, CycleState, bool>();
        foreach (var kind in Kinds)
        {
            foreach (var state in Enum.GetValues<CycleState>())
            {
                foreach (var who in new[] { "county", "natong", "chengxiang", "supervisor", "assistant" })
                {
                    var inScope = who switch
                    {
                        "county" or "natong" => true,
                        // Spec §1: a supervisor enters villagers' tallies and five-elders records only.
                        "supervisor" => kind is "tally" or "record",
                        _ => false,
                    };
                    var open = state == CycleState.Collecting || (state == CycleState.Review && who == "county");
                    data.Add(kind, who, state, inScope && open);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Add_EntryKindRoleAndState_AllowedOnlyInScopeWhileOpen(string kind, string who, CycleState state, bool allowed)
    {
        await using (var db = await _county.Db.OpenAsync())
        {
            await db.Cycles.Where(c => c.Id == _county.CycleId).ExecuteUpdateAsync(s => s.SetProperty(c => c.State, state));
        }
        var caller = who switch
        {
            "county" => _county.County,
            "natong" => _county.Natong,
            "chengxiang" => _county.Chengxiang,
            "supervisor" => _county.Supervisor,
            _ => _county.Assistant,
        };

        var add = Add(kind, caller);

        if (allowed)
        {
            await add();
        }
        else
        {
            var ex = await Record.ExceptionAsync(add);
            Assert.True(ex is AccessDeniedException or RuleViolationException, $"expected a refusal, got {ex?.GetType().Name ?? "success"}");
        }
    }

    private Func<Task> Add(string kind, Caller caller)
    {
        var (cycle, assistant) = (_county.CycleId, _county.LangwanAssistant);
        return kind switch
        {
            "tally" => () => _county.Get<VillagerTallyService>().AddAsync(caller, cycle, assistant, new TallyInput { Satisfied = 1 }),
            "party" => () => _county.Get<PartyBallotService>().AddAsync(caller, cycle, assistant,
                new PartyBallotInput { PolicyAdvocate = 18, PublicOpinion = 18, CivilAgent = 18, DisputeMediator = 18, PartyBuildingGuide = 18 }),
            "cadre" => () => _county.Get<CadreBallotService>().AddAsync(caller, cycle, assistant, new CadreBallotInput { Grade = CadreGrade.Competent }),
            "record" => () => _county.Get<SupervisionService>().AddAsync(caller, cycle, assistant, new SupervisionInput
            {
                Date = new DateOnly(2026, 6, 1), SupervisorName = "罗福生", Nature = RecordNature.Commendation, Category = RecordCategory.Other, Description = "好",
            }),
            _ => () => _county.Get<AttendanceService>().SetAsync(caller, cycle, assistant, 6, 20),
        };
    }
}
