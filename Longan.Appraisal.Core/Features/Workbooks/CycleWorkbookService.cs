using System.Globalization;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Excel;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Entries;
using Longan.Appraisal.Core.Features.Imports;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Resources;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Core.Security.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Longan.Appraisal.Core.Features.Workbooks;

/// <summary>
/// 组织部's workbooks of a cycle's collected data (issue 5): the raw evaluations (anonymous — no
/// evaluator is stored, none is exported), the five-elders records with their verification, and
/// attendance by month. Codes and free text are written as text; formula-like text stays text.
/// </summary>
public sealed class CycleWorkbookService(IDbContextFactory<AppraisalDbContext> dbFactory, ILogger<CycleWorkbookService> logger)
{
    // Each streams its workbook to the destination (which need not seek); every refusal comes before the first byte.
    public Task EvaluationsAsync(Caller caller, int cycleId, Stream destination, CancellationToken ct = default) =>
        LoggedAsync(ExportLog.Evaluations, cycleId, destination, file => EvaluationsUnloggedAsync(caller, cycleId, file, ct));

    public Task SupervisionAsync(Caller caller, int cycleId, Stream destination, CancellationToken ct = default) =>
        LoggedAsync(ExportLog.Supervision, cycleId, destination, file => SupervisionUnloggedAsync(caller, cycleId, file, ct));

    public Task AttendanceAsync(Caller caller, int cycleId, Stream destination, CancellationToken ct = default) =>
        LoggedAsync(ExportLog.Attendance, cycleId, destination, file => AttendanceUnloggedAsync(caller, cycleId, file, ct));

    private async Task LoggedAsync(string operation, int cycleId, Stream destination, Func<Stream, Task> export)
    {
        var counting = new CountingStream(destination);
        await OperationLog.TimedAsync(logger, operation, async () =>
        {
            await export(counting);
            return counting.Written;
        }, (bytes, ms) => ExportLog.Written(logger, operation, cycleId, bytes, ms));
    }

    private static readonly string[] s_who = ["助理员编号", "姓名", "乡镇", "驻村"];
    private static readonly double[] s_whoWidths = [12, 9, 9, 11];

    /// <summary>
    /// 评议原始数据.xlsx: the sheets and headers of the 评议数据.xlsx exchange contract (spec workbooks.md)
    /// with the assistant's name, township and village beside the code, one row per tally, comment or
    /// ballot in entry order within an assistant — so the file reads like what the townships sent
    /// and can be imported again.
    /// </summary>
    private async Task EvaluationsUnloggedAsync(Caller caller, int cycleId, Stream destination, CancellationToken ct)
    {
        var (db, cycle, people) = await OpenAsync(caller, cycleId, ct);
        await using (db)
        {
            var tallies = await db.VillagerTallies.AsNoTracking().Where(t => t.CycleId == cycleId).OrderBy(t => t.AssistantId).ThenBy(t => t.Id).ToListAsync(ct);
            var party = await db.PartyBallots.AsNoTracking().Where(b => b.CycleId == cycleId).OrderBy(b => b.AssistantId).ThenBy(b => b.Id).ToListAsync(ct);
            var cadres = await db.CadreBallots.AsNoTracking().Where(b => b.CycleId == cycleId).OrderBy(b => b.AssistantId).ThenBy(b => b.Id).ToListAsync(ct);
            using var workbook = ExportWorkbook.Create(destination);
            Sheet(workbook, BallotWorkbook.Villagers.Name, ["满意", "基本满意", "不满意", "无效", "备注"], [7, 9, 7, 7, 18], people,
                tallies.Where(t => t.Counted + t.Invalid > 0).ToList(), (row, t) =>
                {
                    row.Number(t.Satisfied);
                    row.Number(t.BasicallySatisfied);
                    row.Number(t.Dissatisfied);
                    row.Number(t.Invalid);
                    row.Text(t.Round);
                }, $"隆安县{cycle.Year}年度群众评议原始数据");
            Sheet(workbook, BallotWorkbook.VillagerComments.Name, [BallotWorkbook.Comment], [60], people,
                tallies.Where(t => t.Comment is not null).ToList(), (row, t) => row.Text(t.Comment), $"隆安县{cycle.Year}年度群众意见");
            Sheet(workbook, BallotWorkbook.Party.Name, [BallotWorkbook.TicketNo, "政策宣讲员", "民意信息员", "民事代办员", "纠纷调解员", "党建指导员", "合计", BallotWorkbook.Comment],
                [8, 10, 10, 10, 10, 10, 8, 36], people, party, (row, b) =>
                {
                    row.Text(b.TicketNo);
                    foreach (var duty in (decimal[])[b.PolicyAdvocate, b.PublicOpinion, b.CivilAgent, b.DisputeMediator, b.PartyBuildingGuide, b.Total])
                    {
                        row.Number(duty, ExportStyle.Decimal1);
                    }
                    row.Text(b.Comment);
                }, $"隆安县{cycle.Year}年度基层党组织评议原始数据");
            Sheet(workbook, BallotWorkbook.Cadres.Name, [BallotWorkbook.TicketNo, "等次", BallotWorkbook.Comment], [8, 9, 40], people, cadres, (row, b) =>
            {
                row.Text(b.TicketNo);
                row.Text(BallotWorkbook.Word(BallotWorkbook.Grades, b.Grade));
                row.Text(b.Comment);
            }, $"隆安县{cycle.Year}年度党员干部评议原始数据");
        }
    }

    /// <summary>
    /// 五老监督记录.xlsx: every record with its verification, on the contract's 五老监督 sheet with its
    /// headers (the verification's note, verifier and time added after them).
    /// </summary>
    private async Task SupervisionUnloggedAsync(Caller caller, int cycleId, Stream destination, CancellationToken ct)
    {
        var (db, cycle, people) = await OpenAsync(caller, cycleId, ct);
        await using (db)
        {
            var records = await db.SupervisionRecords.AsNoTracking().Where(r => r.CycleId == cycleId).OrderBy(r => r.AssistantId).ThenBy(r => r.Date).ThenBy(r => r.Id).ToListAsync(ct);
            using var workbook = ExportWorkbook.Create(destination);
            Sheet(workbook, BallotWorkbook.Supervision.Name, ["日期", "监督员", "性质", "类别", "严重程度", "情况描述", "核实结果", "核实说明", "核实人", "核实时间"],
                [11, 9, 6, 9, 8, 40, 8, 24, 10, 16], people, records, (row, r) =>
                {
                    row.Date(r.Date.ToDateTime(TimeOnly.MinValue));
                    row.Text(r.SupervisorName);
                    row.Text(BallotWorkbook.Word(BallotWorkbook.Natures, r.Nature));
                    row.Text(BallotWorkbook.Word(BallotWorkbook.Categories, r.Category));
                    row.Text(r.Severity is { } severity ? BallotWorkbook.Word(BallotWorkbook.Severities, severity) : "");
                    row.Text(r.Description);
                    row.Text(BallotWorkbook.Word(BallotWorkbook.Verifications, r.Verification));
                    row.Text(r.VerificationNote);
                    row.Text(r.VerifiedBy);
                    row.Date(r.VerifiedAt?.ToOffset(TimeSpan.FromHours(8)).DateTime, ExportStyle.DateTime);
                }, $"隆安县{cycle.Year}年度五老监督记录");
        }
    }

    /// <summary>
    /// 驻村考勤.xlsx: 考勤汇总, one row per assistant with the days in the village for each month and the
    /// short months counted; and 驻村考勤, the contract's sheet, one row per recorded month.
    /// </summary>
    private async Task AttendanceUnloggedAsync(Caller caller, int cycleId, Stream destination, CancellationToken ct)
    {
        var (db, cycle, people) = await OpenAsync(caller, cycleId, ct);
        await using (db)
        {
            var months = (await db.AttendanceMonths.AsNoTracking().Where(m => m.CycleId == cycleId).Select(m => new { m.AssistantId, m.Month, m.Days }).ToListAsync(ct))
                .ToLookup(m => m.AssistantId);
            var min = cycle.Rules.AttendanceMinDays;
            var headers = s_who.Concat(Enumerable.Range(1, 12).Select(m => $"{m}月")).Append($"不足{min}天月数").ToList();
            using var workbook = ExportWorkbook.Create(destination);
            var sheet = workbook.AddSheet("考勤汇总", headers, [.. s_whoWidths, .. Enumerable.Repeat(5.5, 12), 10], $"隆安县{cycle.Year}年度驻村考勤汇总");
            var ordered = people.Values.OrderBy(p => p.TownshipId).ThenBy(p => p.Code, StringComparer.Ordinal).ToList();
            foreach (var person in ordered)
            {
                sheet.Row();
                Who(sheet, person);
                var own = months[person.AssistantId].ToDictionary(m => m.Month.Month, m => m.Days);
                for (var m = 1; m <= 12; m++)
                {
                    sheet.Number(own.TryGetValue(m, out var days) ? days : null, days < min ? ExportStyle.Shortfall : ExportStyle.General);
                }
                sheet.Number(own.Values.Count(d => d < min));
            }
            var list = workbook.AddSheet(BallotWorkbook.Attendance.Name, [.. s_who, "月份", "驻村天数"], [.. s_whoWidths, 9, 9], $"隆安县{cycle.Year}年度驻村考勤");
            foreach (var person in ordered)
            {
                foreach (var m in months[person.AssistantId].OrderBy(m => m.Month))
                {
                    list.Row();
                    Who(list, person);
                    list.Text(m.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture));
                    list.Number(m.Days);
                }
            }
        }
    }

    private async Task<(AppraisalDbContext Db, AppraisalCycle Cycle, Dictionary<int, RosterEntry> People)> OpenAsync(Caller caller, int cycleId, CancellationToken ct)
    {
        CyclePolicy.Ensure(caller, CycleOperation.ExportCollectedData);
        var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var cycle = await db.Cycles.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cycleId, ct);
        if (cycle is null)
        {
            await db.DisposeAsync();
            throw new NotFoundException(Messages.CycleNotFound);
        }
        var people = (await CycleRoster.ForYearAsync(db, cycle.Year, ct)).ToDictionary(r => r.AssistantId);
        return (db, cycle, people);
    }

    private static void Sheet<T>(ExportWorkbook workbook, string name, string[] headers, double[] widths, Dictionary<int, RosterEntry> people,
        IEnumerable<T> entries, Action<ExportSheet, T> write, string title) where T : Entry
    {
        var sheet = workbook.AddSheet(name, [.. s_who, .. headers], [.. s_whoWidths, .. widths], title);
        foreach (var entry in entries)
        {
            sheet.Row();
            if (people.TryGetValue(entry.AssistantId, out var person))
            {
                Who(sheet, person);
            }
            else
            {
                sheet.Skip(s_who.Length);
            }
            write(sheet, entry);
        }
    }

    private static void Who(ExportSheet row, RosterEntry person)
    {
        row.Text(person.Code);
        row.Text(person.Name);
        row.Text(person.TownshipName);
        row.Text(person.VillageName);
    }
}
