using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Appeals;
using Longan.Appraisal.Core.Features.Appeals;
using Longan.Appraisal.Core.Features.Audit;
using Longan.Appraisal.Core.Features.Cards;
using Longan.Appraisal.Core.Features.Collection;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Cycles;
using Longan.Appraisal.Core.Features.FollowUps;
using Longan.Appraisal.Core.Features.Imports;
using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Core.Features.Workbooks;
using Longan.Appraisal.Core.Scoring;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Longan.Appraisal.Tests.Infrastructure.Xlsx;

namespace Longan.Appraisal.Tests.Core.Security;

/// <summary>
/// Spec §1 beyond the entries: cycles, results and decisions, report cards, appeals, follow-up and
/// the audit trail, each operation × the county, the assistant's own township and another, the
/// village's supervisor and the assistant (on the demo county: 2025 published, 2026 collecting).
/// Allowed operations succeed (and a write changes the data); refused ones are an
/// <see cref="AccessDeniedException"/> and change nothing.
/// </summary>
public sealed class OperationMatrixTests : IAsyncLifetime
{
    private readonly CollectingCounty _county = new();
    private int _published;

    public async Task InitializeAsync()
    {
        await _county.InitializeAsync();
        _published = (await _county.Get<CycleService>().ListAsync(Caller.System)).Single(c => c.Year == 2025).Id;
    }

    public Task DisposeAsync() => _county.DisposeAsync();

    public static readonly string[] Who = ["county", "township", "other township", "supervisor", "assistant"];

    /// <summary>C county, T the assistant's own township, O another township (its own scope), S supervisor, A the assistant.</summary>
    public static TheoryData<string, string, bool> Matrix()
    {
        var data = new TheoryData<string, string, bool>();
        void Row(string operation, string allowed)
        {
            foreach (var who in Who)
            {
                var letter = who switch { "county" => 'C', "township" => 'T', "other township" => 'O', "supervisor" => 'S', _ => 'A' };
                data.Add(operation, who, allowed.Contains(letter, StringComparison.Ordinal));
            }
        }

        Row("cycle: create", "C");
        Row("cycle: edit a draft's rules", "C");
        Row("cycle: delete a draft", "C");
        Row("cycle: move on", "C");
        Row("cycle: switch renormalising", "C");
        Row("cycle: compute", "C");
        Row("cycle: import into the own township", "CT");
        Row("cycle: see progress", "CTO");
        Row("cycle: export collected data", "C");
        Row("results: read the table", "CTO");
        Row("results: read an assistant of the own township", "CT");
        Row("results: decision history", "CT");
        Row("results: decide", "C");
        Row("results: export", "CTO");
        Row("results: export candidates", "C");
        Row("results: read one's own", "A");
        Row("cards: one of the own township", "CTA");
        Row("cards: batch of the own township", "CT");
        Row("cards: verify a code", "CTO");
        Row("appeals: list", "CTOA");
        Row("appeals: uphold", "C");
        Row("follow-up: list", "CTO");
        Row("follow-up: record", "C");
        Row("audit: search", "C");
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Operation_Caller_AllowedSucceeds_RefusedChangesNothing(string operation, string who, bool allowed)
    {
        var caller = who switch
        {
            "county" => _county.County,
            "township" => _county.Natong,
            "other township" => _county.Chengxiang,
            "supervisor" => _county.Supervisor,
            _ => _county.Assistant,
        };
        var (act, writes) = await ArrangeAsync(operation, caller);
        var before = await FingerprintAsync();

        if (allowed)
        {
            await act();
            if (writes)
            {
                Assert.NotEqual(before, await FingerprintAsync());
            }
        }
        else
        {
            var refusal = await Record.ExceptionAsync(act);
            // A workbook is refused row by row: another township's assistant is named as outside the caller's township.
            Assert.True(refusal is AccessDeniedException
                || (refusal is Longan.Appraisal.Core.Excel.ImportRejectedException rejected && rejected.Errors.All(e => e.Reason == Longan.Appraisal.Core.Resources.Messages.AssistantOutsideTownship)),
                $"expected a refusal, got {refusal?.GetType().Name ?? "success"}: {refusal?.Message}");
            Assert.Equal(before, await FingerprintAsync());
        }
    }

    private async Task<(Func<Task> Act, bool Writes)> ArrangeAsync(string operation, Caller caller)
    {
        var cycles = _county.Get<CycleService>();
        var (collecting, langwan) = (_county.CycleId, _county.LangwanAssistant);
        var natong = _county.NatongId;
        switch (operation)
        {
            case "cycle: create":
                return (() => cycles.CreateAsync(caller, 2031), true);
            case "cycle: edit a draft's rules":
            {
                var draft = await cycles.CreateAsync(_county.County, 2031);
                var rules = (await cycles.GetAsync(_county.County, draft)).Rules;
                rules.AttendanceMinDays = 18;
                return (() => cycles.UpdateRulesAsync(caller, draft, rules), true);
            }
            case "cycle: delete a draft":
            {
                var draft = await cycles.CreateAsync(_county.County, 2031);
                return (() => cycles.DeleteDraftAsync(caller, draft), true);
            }
            case "cycle: move on":
                return (() => cycles.TransitionAsync(caller, collecting, CycleState.Review, null), true);
            case "cycle: switch renormalising":
                return (() => cycles.SetRenormaliseAsync(caller, collecting, true, "缺项按其余项折算"), true);
            case "cycle: compute":
                return (() => _county.Get<ResultService>().ComputeAsync(caller, collecting), true);
            case "cycle: import into the own township":
            {
                var file = new Xlsx().Sheet("党员干部评议", Row("助理员编号", "等次"), Row("LA0020", "称职")).Bytes();
                return (() => _county.Get<BallotImportService>().ImportAsync(caller, collecting, file, "评议数据.xlsx", false), true);
            }
            case "cycle: see progress":
                return (() => _county.Get<CollectionProgressService>().GetAsync(caller, collecting), false);
            case "cycle: export collected data":
                return (() => Exported.BytesAsync(file => _county.Get<CycleWorkbookService>().EvaluationsAsync(caller, _published, file)), false);
            case "results: read the table":
                return (() => _county.Get<ResultQueryService>().ReadAsync(caller, _published), false);
            case "results: read an assistant of the own township":
                return (() => _county.Get<ResultQueryService>().ReadAsync(caller, _published, langwan), false);
            case "results: decision history":
                return (() => _county.Get<OutcomeOverrideService>().HistoryAsync(caller, _published, langwan), false);
            case "results: decide":
                await _county.Get<ResultService>().ComputeAsync(_county.County, collecting);
                return (() => _county.Get<OutcomeOverrideService>().OverrideAsync(caller, collecting, langwan, [Outcome.ReserveCadre], "表现突出"), true);
            case "results: export":
                return (() => Exported.BytesAsync(file => _county.Get<ResultExportService>().ExportAsync(caller, _published, file)), false);
            case "results: export candidates":
                return (() => Exported.BytesAsync(file => _county.Get<CandidateExportService>().ExportAsync(caller, _published, file)), false);
            case "results: read one's own":
                return (() => _county.Get<ResultQueryService>().PublishedForSelfAsync(caller), false);
            case "cards: one of the own township":
                return (() => _county.Get<ReportCardService>().RenderFileAsync(caller, _published, langwan), false);
            case "cards: batch of the own township":
                return (() => _county.Get<ReportCardService>().WriteBatchAsync(caller, _published, natong, null, Stream.Null), false);
            case "cards: verify a code":
                return (() => _county.Get<CardVerificationService>().VerifyAsync(caller, "0000-0000-0000"), false);
            case "appeals: list":
                return (() => _county.Get<AppealService>().ListAsync(caller), false);
            case "appeals: uphold":
            {
                var appeal = await FileAppealAsync();
                return (() => _county.Get<AppealService>().UpholdAsync(caller, appeal, "经复核，结果无误。"), true);
            }
            case "follow-up: list":
                return (() => _county.Get<FollowUpService>().ListAsync(caller), false);
            case "follow-up: record":
            {
                var open = (await _county.Get<FollowUpService>().ListAsync(_county.County, openOnly: true)).First(c => c.Kind != Outcome.Replacement);
                return (() => _county.Get<FollowUpService>().RecordAsync(caller, open.CycleId, open.AssistantId, open.Kind,
                    new FollowUpInput { Date = open.PublishedOn, By = "县委组织部", Reference = "隆组通〔2026〕1号", Notes = "已办理", Accepted = true }), true);
            }
            default:
                return (() => _county.Get<AuditService>().QueryAsync(caller, new AuditQuery(new PageRequest())), false);
        }
    }

    /// <summary>An open appeal of 浪湾村's assistant against the published 2025 result (put in place as filed).</summary>
    private async Task<int> FileAppealAsync()
    {
        await using var db = await _county.Db.OpenAsync();
        var version = await db.ResultVersions.Where(v => v.CycleId == _published && v.PublishedAt != null).MaxAsync(v => v.Number);
        var appeal = new Appeal
        {
            CycleId = _published, AssistantId = _county.LangwanAssistant, VersionNumber = version, Reason = "群众评议票数有误", FiledAt = DateTimeOffset.UtcNow, FiledBy = Demo.Assistant,
        };
        db.Appeals.Add(appeal);
        await db.SaveChangesAsync();
        return appeal.Id;
    }

    /// <summary>What the writes in the matrix change: cycles, rules, versions, decisions, appeals, follow-ups, imported entries.</summary>
    private async Task<string> FingerprintAsync()
    {
        await using var db = await _county.Db.OpenAsync();
        return string.Join(";",
            string.Join(",", await db.Cycles.OrderBy(c => c.Id).Select(c => c.Id + ":" + c.State + ":" + c.Rules.AttendanceMinDays + ":" + c.Rules.RenormaliseMissingGroups).ToListAsync()),
            await db.ResultVersions.CountAsync(),
            await db.OutcomeOverrides.CountAsync(),
            string.Join(",", await db.Appeals.OrderBy(a => a.Id).Select(a => a.Id + ":" + a.Status).ToListAsync()),
            await db.FollowUps.CountAsync(),
            await db.CadreBallots.CountAsync(),
            await db.ImportBatches.CountAsync());
    }
}
