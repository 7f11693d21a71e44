using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Audit;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Accounts;
using Longan.Appraisal.Core.Features.Assistants;
using Longan.Appraisal.Core.Features.Attendance;
using Longan.Appraisal.Core.Features.Audit;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Cycles;
using Longan.Appraisal.Core.Features.Evaluations;
using Longan.Appraisal.Core.Features.Postings;
using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Core.Features.Supervision;
using Longan.Appraisal.Core.Features.Supervisors;
using Longan.Appraisal.Core.Features.Townships;
using Longan.Appraisal.Core.Features.Villages;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Scoring;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Tests.Core.Features.Audit;

/// <summary>Issue 6: every kind of change leaves a record (who, when, what, before/after) in a hash chain that detects tampering.</summary>
public sealed class AuditTrailTests : IAsyncLifetime
{
    private readonly CollectingCounty _county = new();
    private long _mark;

    private AuditService Audit => _county.Get<AuditService>();

    public async Task InitializeAsync()
    {
        await _county.InitializeAsync();
        _mark = await LastIdAsync();
    }

    public Task DisposeAsync() => _county.DisposeAsync();

    private async Task<long> LastIdAsync()
    {
        await using var db = await _county.Db.OpenAsync();
        return await db.AuditRecords.MaxAsync(r => (long?)r.Id) ?? 0;
    }

    /// <summary>The records written since the test began (or since the last call), oldest first.</summary>
    private async Task<List<AuditRecord>> NewRecordsAsync()
    {
        await using var db = await _county.Db.OpenAsync();
        var records = await db.AuditRecords.AsNoTracking().Where(r => r.Id > _mark).OrderBy(r => r.Id).ToListAsync();
        _mark = records.Count > 0 ? records[^1].Id : _mark;
        return records;
    }

    private static AuditRecord Single(List<AuditRecord> records, string subject, AuditAction action) =>
        Assert.Single(records, r => r.Subject == subject && r.Action == action);

    [Fact]
    public async Task MasterData_EachChange_RecordedWithWhoAndBeforeAfter()
    {
        var county = _county.County;
        var townships = _county.Get<TownshipService>();
        var id = await townships.CreateAsync(county, new TownshipInput { Name = "新设乡", SortOrder = 200 });
        await townships.UpdateAsync(county, id, new TownshipInput { Name = "新设镇", SortOrder = 200 });
        await townships.DeleteAsync(county, id);

        var records = await NewRecordsAsync();
        var created = Single(records, nameof(Township), AuditAction.Created);
        Assert.Equal((county.UserName, AppRole.County, id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (created.Actor, created.Role, created.SubjectKey));
        Assert.Contains("\"Name\":\"新设乡\"", created.After);
        var changed = Single(records, nameof(Township), AuditAction.Changed);
        Assert.Equal("{\"Name\":\"新设乡\"}", changed.Before);
        Assert.Equal("{\"Name\":\"新设镇\"}", changed.After);
        var deleted = Single(records, nameof(Township), AuditAction.Deleted);
        Assert.Contains("新设镇", deleted.Before);
        Assert.Null(deleted.After);
    }

    [Fact]
    public async Task VillagesAssistantsSupervisorsAndPostings_Recorded()
    {
        var county = _county.County;
        var village = await _county.Get<VillageService>().CreateAsync(county, new VillageInput { TownshipId = _county.NatongId, Name = "新村" });
        var assistant = await _county.Get<AssistantService>().CreateAsync(county, new AssistantInput
        {
            Code = "LA9001", Name = "韦新", Gender = Gender.Female, BirthDate = new DateOnly(1996, 5, 1),
        });
        await _county.Get<SupervisorService>().CreateAsync(county, new SupervisorInput { VillageId = village, Name = "黄老伯", Kind = SupervisorKind.RetiredTeacher });
        await _county.Get<PostingService>().AssignAsync(county, new AssignInput { AssistantId = assistant, VillageId = village, StartDate = new DateOnly(2026, 3, 1) });

        var records = await NewRecordsAsync();
        Single(records, nameof(Village), AuditAction.Created);
        Assert.Contains("韦新", Single(records, nameof(Assistant), AuditAction.Created).After);
        Single(records, nameof(Supervisor), AuditAction.Created);
        Single(records, nameof(Posting), AuditAction.Created);
    }

    [Fact]
    public async Task Accounts_Recorded_PasswordHashNeverWritten()
    {
        var accounts = _county.Get<AccountService>();
        var id = await accounts.CreateAsync(_county.County, new AccountInput
        {
            UserName = "audit.test", DisplayName = "审计测试", Role = AppRole.Township, TownshipId = _county.NatongId, Password = "Longan2026!",
        });
        await accounts.ResetPasswordAsync(_county.County, id, "Another2026!");

        var records = await NewRecordsAsync();
        var created = Single(records, nameof(AppUser), AuditAction.Created);
        Assert.Contains("audit.test", created.After);
        Assert.Contains("\"PasswordHash\":\"******\"", created.After);
        Assert.Contains(records.Where(r => r.Subject == nameof(AppUser) && r.Action == AuditAction.Changed), r => r.After!.Contains("\"PasswordHash\":\"******\""));
        Assert.DoesNotContain(records, r => (r.Before + r.After).Contains("AQAAAA", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CycleRulesAndStates_Recorded()
    {
        var cycles = _county.Get<CycleService>();
        var cycle = await cycles.CreateAsync(_county.County, 2027);
        var rules = new CycleRules { AppealWindowDays = 10 };
        await cycles.UpdateRulesAsync(_county.County, cycle, rules);
        await cycles.TransitionAsync(_county.County, cycle, CycleState.Collecting, null);

        var records = await NewRecordsAsync();
        Assert.Contains(records, r => r.Subject == nameof(AppraisalCycle) && r.Action == AuditAction.Created);
        // The rules are saved as a whole; the trail shows only what differs, as one change.
        var changed = Single(records, nameof(CycleRules), AuditAction.Changed);
        Assert.Equal(("{\"AppealWindowDays\":7}", "{\"AppealWindowDays\":10}"), (changed.Before, changed.After));
        Assert.DoesNotContain(records, r => r.Subject == nameof(CycleRules) && r.Action == AuditAction.Deleted);
        Assert.Contains(records, r => r.Subject == nameof(AppraisalCycle) && r.Action == AuditAction.Changed && r.After == "{\"State\":\"Collecting\"}");
        Single(records, nameof(CycleTransition), AuditAction.Created);
    }

    [Fact]
    public async Task Entries_EachKind_AndVerification_Recorded()
    {
        var (c, a, t) = (_county.CycleId, _county.LangwanAssistant, _county.Natong);
        var tallies = _county.Get<VillagerTallyService>();
        var tally = await tallies.AddAsync(t, c, a, new TallyInput { Satisfied = 12, BasicallySatisfied = 6, Dissatisfied = 2 });
        await tallies.UpdateAsync(t, tally, 1, new TallyInput { Satisfied = 13, BasicallySatisfied = 6, Dissatisfied = 2 });
        await tallies.DeleteAsync(t, tally, 2);
        await _county.Get<PartyBallotService>().AddAsync(t, c, a, new PartyBallotInput { PolicyAdvocate = 18, PublicOpinion = 18, CivilAgent = 19, DisputeMediator = 18, PartyBuildingGuide = 18 });
        await _county.Get<CadreBallotService>().AddAsync(t, c, a, new CadreBallotInput { Grade = CadreGrade.Competent });
        var record = await _county.Get<SupervisionService>().AddAsync(_county.Supervisor, c, a, new SupervisionInput
        {
            Date = new DateOnly(2026, 4, 1), Nature = RecordNature.Issue, Category = RecordCategory.OnDuty, Severity = IssueSeverity.Minor, Description = "工作日未在村",
        });
        await _county.Get<SupervisionService>().VerifyAsync(t, record, 1, new VerifyInput { Result = Verification.Confirmed, Note = "经核实" });
        await _county.Get<AttendanceService>().SetAsync(t, c, a, 3, 18);

        var records = await NewRecordsAsync();
        Single(records, nameof(VillagerTally), AuditAction.Created);
        Assert.Contains("\"Satisfied\":12", Single(records, nameof(VillagerTally), AuditAction.Changed).Before);
        Single(records, nameof(VillagerTally), AuditAction.Deleted);
        Single(records, nameof(PartyBallot), AuditAction.Created);
        Single(records, nameof(CadreBallot), AuditAction.Created);
        Assert.Equal(_county.Supervisor.UserName, Single(records, nameof(SupervisionRecord), AuditAction.Created).Actor);
        var verified = Single(records, nameof(SupervisionRecord), AuditAction.Changed);
        Assert.Equal((t.UserName, AppRole.Township), (verified.Actor, verified.Role));
        Assert.Contains("\"Verification\":\"Confirmed\"", verified.After);
        Single(records, nameof(AttendanceMonth), AuditAction.Created);
    }

    [Fact]
    public async Task ResultsAndDecisions_Recorded()
    {
        await _county.MoveAsync(CycleState.Review);
        await _county.Get<ResultService>().ComputeAsync(_county.County, _county.CycleId);
        await _county.Get<OutcomeOverrideService>().OverrideAsync(_county.County, _county.CycleId, _county.LangwanAssistant, [Outcome.AdmonishmentTalk], "经乡镇党委核实");

        var records = await NewRecordsAsync();
        Single(records, "ResultVersion", AuditAction.Created);
        Assert.Contains("经乡镇党委核实", Single(records, "OutcomeOverride", AuditAction.Created).After);
    }

    [Fact]
    public async Task SignInsAndRefusals_Recorded()
    {
        await Audit.RecordSignInAsync("zzb.admin", AppRole.County);
        await Audit.RecordSignInFailedAsync("nobody", null, SignInFailure.NoSuchAccount);
        await Audit.RecordRefusalAsync(_county.Natong, "/accounts", "无权访问");

        var records = await NewRecordsAsync();
        Assert.Equal(
            [(AuditAction.SignedIn, "zzb.admin", (AppRole?)AppRole.County), (AuditAction.SignInFailed, "nobody", null), (AuditAction.AccessRefused, _county.Natong.UserName, AppRole.Township)],
            records.Select(r => (r.Action, r.Actor, r.Role)));
        Assert.Equal("/accounts", records[2].SubjectKey);
        await Audit.RecordRefusalAsync(null, "/audit", "无权访问");
        Assert.Empty(await NewRecordsAsync());
        Assert.Equal("无此账号", records[1].Summary);
    }

    [Fact]
    public async Task AChangeWithoutAnActor_IsRefused_NothingSaved()
    {
        await using (var db = await _county.Get<IDbContextFactory<AppraisalDbContext>>().CreateDbContextAsync())
        {
            db.Townships.Add(new Township { Name = "无名乡" });
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }

        await using var check = await _county.Db.OpenAsync();
        Assert.False(await check.Townships.AnyAsync(t => t.Name == "无名乡"));
    }

    [Fact]
    public async Task Chain_IntactAfterActivity_EditedRecordDetected()
    {
        await _county.Get<TownshipService>().CreateAsync(_county.County, new TownshipInput { Name = "核验乡", SortOrder = 300 });
        var intact = await Audit.VerifyAsync(_county.County);
        Assert.True(intact.IsIntact, intact.Problem);
        Assert.Equal(await LastIdAsync(), intact.Records);

        var victim = intact.Records / 2;
        await using (var db = await _county.Db.OpenAsync())
        {
            await db.AuditRecords.Where(a => a.Id == victim).ExecuteUpdateAsync(set => set.SetProperty(a => a.Actor, "someone.else"));
        }

        var broken = await Audit.VerifyAsync(_county.County);
        Assert.False(broken.IsIntact);
        Assert.Equal(victim, broken.BrokenAt);
        Assert.Equal(Longan.Appraisal.Core.Resources.Messages.AuditContentChanged, broken.Problem);
        Assert.Equal(victim - 1, broken.Records);
    }

    [Fact]
    public async Task Chain_RehashedEditOrDeletedRecord_Detected()
    {
        var total = (await Audit.VerifyAsync(_county.County)).Records;
        Assert.True(total > 3);
        await using (var db = await _county.Db.OpenAsync())
        {
            // A careful forger recomputes the edited record's own hash: the next record's link gives it away.
            var record = await db.AuditRecords.SingleAsync(r => r.Id == 2);
            record.Summary = "改过";
            var hash = AuditChain.HashOf(record);
            await db.AuditRecords.Where(a => a.Id == 2).ExecuteUpdateAsync(set => set.SetProperty(a => a.Summary, "改过").SetProperty(a => a.Hash, hash));
        }
        var rehashed = await Audit.VerifyAsync(_county.County);
        Assert.Equal((3L, Longan.Appraisal.Core.Resources.Messages.AuditLinkBroken), (rehashed.BrokenAt, rehashed.Problem));

        await using (var db = await _county.Db.OpenAsync())
        {
            await db.AuditRecords.Where(a => a.Id == 1).ExecuteDeleteAsync();
        }
        var deleted = await Audit.VerifyAsync(_county.County);
        Assert.Equal(1L, deleted.BrokenAt);
    }

    [Fact]
    public async Task Chain_CutFromTheEnd_CaughtByAnEarlierCheckpoint()
    {
        var noted = await Audit.VerifyAsync(_county.County);
        Assert.Matches("^#[0-9]+:[0-9a-f]{16}$", noted.Checkpoint);
        Assert.True((await Audit.VerifyAsync(_county.County, noted.Checkpoint)).IsIntact);
        await _county.Get<TownshipService>().CreateAsync(_county.County, new TownshipInput { Name = "后来乡", SortOrder = 410 });
        Assert.True((await Audit.VerifyAsync(_county.County, " " + noted.Checkpoint.ToUpperInvariant().Replace(":", "：", StringComparison.Ordinal))).IsIntact);

        // Cutting records off the end leaves a chain that holds: only the checkpoint shows it.
        await using (var db = await _county.Db.OpenAsync())
        {
            await db.AuditRecords.Where(a => a.Id >= noted.Records - 1).ExecuteDeleteAsync();
        }
        var cut = await Audit.VerifyAsync(_county.County, noted.Checkpoint);
        Assert.Null(cut.BrokenAt);
        Assert.Equal(Longan.Appraisal.Core.Resources.Messages.AuditCheckpointMissing(noted.Records, noted.Records - 2), cut.CheckpointProblem);
        Assert.False(cut.IsIntact);

    }

    [Fact]
    public async Task Checkpoint_RecordsBeforeItRewrittenWithTheirHashes_Detected_BadlyWrittenOneRefused()
    {
        var noted = await Audit.VerifyAsync(_county.County);
        await using (var db = await _county.Db.OpenAsync())
        {
            var records = await db.AuditRecords.OrderBy(r => r.Id).ToListAsync();
            records[1].Summary = "改写";
            var (id, hash) = (records[0].Id, records[0].Hash);
            AuditChain.Append(records.Skip(1), id, hash);
            foreach (var r in records.Skip(1))
            {
                await db.AuditRecords.Where(a => a.Id == r.Id).ExecuteUpdateAsync(set => set.SetProperty(a => a.Summary, r.Summary).SetProperty(a => a.PreviousHash, r.PreviousHash).SetProperty(a => a.Hash, r.Hash));
            }
        }

        var rewritten = await Audit.VerifyAsync(_county.County, noted.Checkpoint);

        // Every hash recomputed: the chain alone holds; the checkpoint noted before does not.
        Assert.True((await Audit.VerifyAsync(_county.County)).IsIntact);
        Assert.Null(rewritten.BrokenAt);
        Assert.Equal(Longan.Appraisal.Core.Resources.Messages.AuditCheckpointChanged(noted.Records), rewritten.CheckpointProblem);
        Assert.Equal((0L, ""), AuditCheckpoint.Parse("#0"));
        var bad = await Assert.ThrowsAsync<ValidationFailedException>(() => Audit.VerifyAsync(_county.County, "1234"));
        Assert.Equal(AuditService.CheckpointField, bad.Errors.Single().Field);
    }

    [Fact]
    public async Task Query_FiltersByActionSubjectAndText_CountyOnly()
    {
        await _county.Get<TownshipService>().CreateAsync(_county.County, new TownshipInput { Name = "检索乡", SortOrder = 400 });
        await Audit.RecordSignInFailedAsync("nobody", null, SignInFailure.WrongPassword);

        var byText = await Audit.QueryAsync(_county.County, new AuditQuery(new PageRequest("检索乡")));
        Assert.Equal(nameof(Township), Assert.Single(byText.Items).Subject);
        var failed = await Audit.QueryAsync(_county.County, new AuditQuery(new PageRequest(), AuditAction.SignInFailed));
        Assert.Equal("nobody", Assert.Single(failed.Items).Actor);
        var bySubject = await Audit.QueryAsync(_county.County, new AuditQuery(new PageRequest(PageSize: 500), Subject: nameof(Township)));
        Assert.All(bySubject.Items, r => Assert.Equal(nameof(Township), r.Subject));
        Assert.Contains(nameof(Township), await Audit.SubjectsAsync(_county.County));
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        Assert.Equal(byText.TotalCount, (await Audit.QueryAsync(_county.County, new AuditQuery(new PageRequest("检索乡"), From: today, To: today))).TotalCount);
        Assert.Equal(0, (await Audit.QueryAsync(_county.County, new AuditQuery(new PageRequest("检索乡"), To: today.AddDays(-1)))).TotalCount);

        await _county.Get<Longan.Appraisal.Core.Features.Attendance.AttendanceService>().SetAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, 5, 12);
        await using (var db = await _county.Db.OpenAsync())
        {
            var langwan = await db.Assistants.SingleAsync(a => a.Id == _county.LangwanAssistant);
            var byName = await Audit.QueryAsync(_county.County, new AuditQuery(new PageRequest(langwan.Name), Subject: nameof(AttendanceMonth)));
            Assert.Contains("\"Days\":12", Assert.Single(byName.Items).After);
            Assert.Single((await Audit.QueryAsync(_county.County, new AuditQuery(new PageRequest(langwan.Code), Subject: nameof(AttendanceMonth)))).Items);

            // A correction records only what changed (no assistant in it): still found by the assistant.
            await _county.Get<Longan.Appraisal.Core.Features.Attendance.AttendanceService>().SetAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, 5, 14);
            var both = (await Audit.QueryAsync(_county.County, new AuditQuery(new PageRequest(langwan.Name), Subject: nameof(AttendanceMonth)))).Items;
            Assert.Equal([AuditAction.Changed, AuditAction.Created], both.Select(r => r.Action));
            Assert.DoesNotContain("AssistantId", both[0].After);
            Assert.Equal($"{langwan.Name}（{langwan.Code}）", both[1].NameOf("AssistantId", _county.LangwanAssistant.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        await Assert.ThrowsAsync<AccessDeniedException>(() => Audit.QueryAsync(_county.Natong, new AuditQuery(new PageRequest())));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Audit.VerifyAsync(_county.Assistant));
    }
}
