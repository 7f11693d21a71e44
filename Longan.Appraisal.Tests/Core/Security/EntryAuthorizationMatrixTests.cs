using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Accounts;
using Longan.Appraisal.Core.Features.Attendance;
using Longan.Appraisal.Core.Features.Evaluations;
using Longan.Appraisal.Core.Features.Supervision;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Tests.Core.Security;

/// <summary>
/// Spec §1's table of who enters and changes what, as a matrix over every entry operation × every
/// caller (the county; the assistant's own township and another; the village's own supervisor and
/// another village's; the assistant) × whose entry it is. Allowed operations succeed and change the
/// data; refused ones are an <see cref="AccessDeniedException"/> and change nothing.
/// </summary>
public sealed class EntryAuthorizationMatrixTests : IAsyncLifetime
{
    private readonly CollectingCounty _county = new();
    private Caller _otherSupervisor = default!;

    public async Task InitializeAsync()
    {
        await _county.InitializeAsync();
        // A supervisor of another village (城厢镇 宝塔村), with an account of their own.
        await using var db = await _county.Db.OpenAsync();
        var baota = await _county.Db.VillageIdAsync(Demo.ChengxiangTownship, Demo.BaotaVillage);
        var supervisor = await db.Supervisors.Where(s => s.VillageId == baota).Select(s => s.Id).FirstAsync();
        await _county.Get<AccountService>().CreateAsync(Caller.System, new AccountInput
        {
            UserName = "baota.wl", DisplayName = "宝塔村监督员", Role = AppRole.Supervisor, SupervisorId = supervisor, Password = "a long pass phrase",
        });
        _otherSupervisor = await _county.Db.CallerAsync("baota.wl");
    }

    public Task DisposeAsync() => _county.DisposeAsync();

    public static readonly string[] Who = ["county", "township", "other township", "supervisor", "other supervisor", "assistant"];

    /// <summary>Spec §1: for each operation, the callers allowed (C county, T own township, S own village's supervisor).</summary>
    public static TheoryData<string, string, bool> Matrix()
    {
        var data = new TheoryData<string, string, bool>();
        void Row(string operation, string allowed)
        {
            foreach (var who in Who)
            {
                var letter = who switch { "county" => 'C', "township" => 'T', "supervisor" => 'S', _ => '-' };
                data.Add(operation, who, allowed.Contains(letter, StringComparison.Ordinal));
            }
        }

        Row("tally: list", "CTS");
        Row("tally: add", "CTS");
        Row("tally: change own", "CTS");
        Row("tally: change someone else's", "CT");
        Row("tally: delete own", "CTS");
        Row("tally: delete someone else's", "CT");
        foreach (var kind in new[] { "party", "cadre" })
        {
            Row($"{kind}: list", "CT");
            Row($"{kind}: add", "CT");
            Row($"{kind}: change own", "CT");
            Row($"{kind}: change someone else's", "CT");
            Row($"{kind}: delete own", "CT");
            Row($"{kind}: delete someone else's", "CT");
        }
        Row("record: list", "CTS");
        Row("record: add", "CTS");
        Row("record: change own", "CS");
        Row("record: change someone else's", "C");
        Row("record: delete own", "CS");
        Row("record: delete someone else's", "C");
        Row("record: verify", "CT");
        Row("attendance: grid", "CT");
        Row("attendance: add a month", "CT");
        Row("attendance: change a month", "CT");
        Row("attendance: clear a month", "C");
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Operation_Caller_AllowedChangesTheData_RefusedChangesNothing(string operation, string who, bool allowed)
    {
        var caller = who switch
        {
            "county" => _county.County,
            "township" => _county.Natong,
            "other township" => _county.Chengxiang,
            "supervisor" => _county.Supervisor,
            "other supervisor" => _otherSupervisor,
            _ => _county.Assistant,
        };
        var act = await ArrangeAsync(operation, caller);
        var before = await FingerprintAsync();

        if (allowed)
        {
            await act();
            if (!IsRead(operation))
            {
                Assert.NotEqual(before, await FingerprintAsync());
            }
        }
        else
        {
            await Assert.ThrowsAsync<AccessDeniedException>(act);
            Assert.Equal(before, await FingerprintAsync());
        }
    }

    private static bool IsRead(string operation) => operation.EndsWith(": list", StringComparison.Ordinal) || operation.EndsWith("grid", StringComparison.Ordinal);

    /// <summary>Sets up what the operation acts on — an entry of the caller's own where "own", else the county's — and returns the act.</summary>
    private async Task<Func<Task>> ArrangeAsync(string operation, Caller caller)
    {
        var (cycle, assistant) = (_county.CycleId, _county.LangwanAssistant);
        var kind = operation[..operation.IndexOf(':', StringComparison.Ordinal)];
        var own = operation.EndsWith(" own", StringComparison.Ordinal);
        // "Own" needs the caller to have entered it; a caller who may not add it has nothing of their own.
        var author = own && await MayAddAsync(kind, caller) ? caller : _county.County;
        var tallies = _county.Get<VillagerTallyService>();
        var party = _county.Get<PartyBallotService>();
        var cadres = _county.Get<CadreBallotService>();
        var records = _county.Get<SupervisionService>();
        var attendance = _county.Get<AttendanceService>();
        var verb = operation[(operation.IndexOf(':', StringComparison.Ordinal) + 2)..];

        if (kind == "attendance")
        {
            if (verb is "change a month" or "clear a month")
            {
                await attendance.SetAsync(_county.County, cycle, assistant, 3, 20);
            }
            return verb switch
            {
                "grid" => () => attendance.GridAsync(caller, cycle, _county.NatongId),
                "add a month" => () => attendance.SetAsync(caller, cycle, assistant, 4, 22),
                "change a month" => () => attendance.SetAsync(caller, cycle, assistant, 3, 21),
                _ => () => attendance.SetAsync(caller, cycle, assistant, 3, null),
            };
        }

        var id = verb is "list" or "add" ? 0 : kind switch
        {
            "tally" => await tallies.AddAsync(author, cycle, assistant, Tally()),
            "party" => await party.AddAsync(author, cycle, assistant, Party()),
            "cadre" => await cadres.AddAsync(author, cycle, assistant, Cadre()),
            _ => await records.AddAsync(author, cycle, assistant, Record()),
        };
        return (kind, verb.Split(' ')[0]) switch
        {
            ("tally", "list") => () => tallies.ListAllAsync(caller, cycle, assistant),
            ("tally", "add") => () => tallies.AddAsync(caller, cycle, assistant, Tally()),
            ("tally", "change") => () => tallies.UpdateAsync(caller, id, 1, Tally(31)),
            ("tally", "delete") => () => tallies.DeleteAsync(caller, id, 1),
            ("party", "list") => () => party.ListAllAsync(caller, cycle, assistant),
            ("party", "add") => () => party.AddAsync(caller, cycle, assistant, Party()),
            ("party", "change") => () => party.UpdateAsync(caller, id, 1, Party(17)),
            ("party", "delete") => () => party.DeleteAsync(caller, id, 1),
            ("cadre", "list") => () => cadres.ListAllAsync(caller, cycle, assistant),
            ("cadre", "add") => () => cadres.AddAsync(caller, cycle, assistant, Cadre()),
            ("cadre", "change") => () => cadres.UpdateAsync(caller, id, 1, new CadreBallotInput { Grade = CadreGrade.Excellent }),
            ("cadre", "delete") => () => cadres.DeleteAsync(caller, id, 1),
            (_, "list") => () => records.ListAllAsync(caller, cycle, assistant),
            (_, "add") => () => records.AddAsync(caller, cycle, assistant, Record()),
            (_, "change") => () => records.UpdateAsync(caller, id, 1, Record("改过的描述")),
            (_, "delete") => () => records.DeleteAsync(caller, id, 1),
            _ => () => records.VerifyAsync(caller, id, 1, new VerifyInput { Result = Verification.Confirmed }),
        };
    }

    private async Task<bool> MayAddAsync(string kind, Caller caller)
    {
        try
        {
            switch (kind)
            {
                case "tally": await _county.Get<VillagerTallyService>().AddAsync(caller, _county.CycleId, _county.LangwanAssistant, Tally()); break;
                case "party": await _county.Get<PartyBallotService>().AddAsync(caller, _county.CycleId, _county.LangwanAssistant, Party()); break;
                case "cadre": await _county.Get<CadreBallotService>().AddAsync(caller, _county.CycleId, _county.LangwanAssistant, Cadre()); break;
                default: await _county.Get<SupervisionService>().AddAsync(caller, _county.CycleId, _county.LangwanAssistant, Record()); break;
            }
            return true;
        }
        catch (AccessDeniedException)
        {
            return false;
        }
    }

    /// <summary>Every collected entry as it stands: id, version, verdict and days — any change moves it.</summary>
    private async Task<string> FingerprintAsync()
    {
        await using var db = await _county.Db.OpenAsync();
        var cycle = _county.CycleId;
        return string.Join(";",
            string.Join(",", await db.VillagerTallies.Where(e => e.CycleId == cycle).OrderBy(e => e.Id).Select(e => e.Id + ":" + e.Version).ToListAsync()),
            string.Join(",", await db.PartyBallots.Where(e => e.CycleId == cycle).OrderBy(e => e.Id).Select(e => e.Id + ":" + e.Version).ToListAsync()),
            string.Join(",", await db.CadreBallots.Where(e => e.CycleId == cycle).OrderBy(e => e.Id).Select(e => e.Id + ":" + e.Version).ToListAsync()),
            string.Join(",", await db.SupervisionRecords.Where(e => e.CycleId == cycle).OrderBy(e => e.Id).Select(e => e.Id + ":" + e.Version + ":" + e.Verification).ToListAsync()),
            string.Join(",", await db.AttendanceMonths.Where(e => e.CycleId == cycle).OrderBy(e => e.Id).Select(e => e.Id + ":" + e.Version + ":" + e.Days).ToListAsync()));
    }

    private static TallyInput Tally(int satisfied = 30) => new() { Satisfied = satisfied, BasicallySatisfied = 5, Dissatisfied = 1 };

    private static PartyBallotInput Party(decimal score = 18) =>
        new() { PolicyAdvocate = score, PublicOpinion = 18, CivilAgent = 18, DisputeMediator = 18, PartyBuildingGuide = 18 };

    private static CadreBallotInput Cadre() => new() { Grade = CadreGrade.Competent };

    private static SupervisionInput Record(string description = "主动上门帮五保户代办医保") => new()
    {
        Date = new DateOnly(2026, 3, 2), SupervisorName = "罗福生", Nature = RecordNature.Commendation, Category = RecordCategory.ServiceAttitude, Description = description,
    };
}
