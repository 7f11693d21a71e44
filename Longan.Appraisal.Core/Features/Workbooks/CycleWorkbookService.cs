using System.Globalization;
using ClosedXML.Excel;
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
    public Task<byte[]> EvaluationsAsync(Caller caller, int cycleId, CancellationToken ct = default) =>
        LoggedAsync(ExportLog.Evaluations, cycleId, () => EvaluationsUnloggedAsync(caller, cycleId, ct));

    public Task<byte[]> SupervisionAsync(Caller caller, int cycleId, CancellationToken ct = default) =>
        LoggedAsync(ExportLog.Supervision, cycleId, () => SupervisionUnloggedAsync(caller, cycleId, ct));

    public Task<byte[]> AttendanceAsync(Caller caller, int cycleId, CancellationToken ct = default) =>
        LoggedAsync(ExportLog.Attendance, cycleId, () => AttendanceUnloggedAsync(caller, cycleId, ct));

    private Task<byte[]> LoggedAsync(string operation, int cycleId, Func<Task<byte[]>> export) =>
        OperationLog.TimedAsync(logger, operation, export, (file, ms) => ExportLog.Written(logger, operation, cycleId, file.LongLength, ms));

    private static readonly string[] s_who = ["助理员编号", "姓名", "乡镇", "驻村"];
    private static readonly double[] s_whoWidths = [12, 9, 9, 11];

    /// <summary>
    /// 评议原始数据.xlsx: the sheets and headers of the 评议数据.xlsx exchange contract (spec workbooks.md)
    /// with the assistant's name, township and village beside the code, one row per tally, comment or
    /// ballot in entry order within an assistant — so the file reads like what the townships sent
    /// and can be imported again.
    /// </summary>
    private async Task<byte[]> EvaluationsUnloggedAsync(Caller caller, int cycleId, CancellationToken ct)
    {
        var (db, cycle, people) = await OpenAsync(caller, cycleId, ct);
        await using (db)
        {
            var tallies = await db.VillagerTallies.AsNoTracking().Where(t => t.CycleId == cycleId).OrderBy(t => t.AssistantId).ThenBy(t => t.Id).ToListAsync(ct);
            var party = await db.PartyBallots.AsNoTracking().Where(b => b.CycleId == cycleId).OrderBy(b => b.AssistantId).ThenBy(b => b.Id).ToListAsync(ct);
            var cadres = await db.CadreBallots.AsNoTracking().Where(b => b.CycleId == cycleId).OrderBy(b => b.AssistantId).ThenBy(b => b.Id).ToListAsync(ct);
            using var workbook = new XLWorkbook();
            Sheet(workbook, BallotWorkbook.Villagers.Name, ["满意", "基本满意", "不满意", "无效", "备注"], [7, 9, 7, 7, 18], people,
                tallies.Where(t => t.Counted + t.Invalid > 0).ToList(), (row, t) =>
                {
                    SafeCells.Number(row.Cell(5), t.Satisfied);
                    SafeCells.Number(row.Cell(6), t.BasicallySatisfied);
                    SafeCells.Number(row.Cell(7), t.Dissatisfied);
                    SafeCells.Number(row.Cell(8), t.Invalid);
                    SafeCells.Text(row.Cell(9), t.Round);
                }, $"隆安县{cycle.Year}年度群众评议原始数据");
            Sheet(workbook, BallotWorkbook.VillagerComments.Name, [BallotWorkbook.Comment], [60], people,
                tallies.Where(t => t.Comment is not null).ToList(), (row, t) => SafeCells.Text(row.Cell(5), t.Comment), $"隆安县{cycle.Year}年度群众意见");
            Sheet(workbook, BallotWorkbook.Party.Name, [BallotWorkbook.TicketNo, "政策宣讲员", "民意信息员", "民事代办员", "纠纷调解员", "党建指导员", "合计", BallotWorkbook.Comment],
                [8, 10, 10, 10, 10, 10, 8, 36], people, party, (row, b) =>
                {
                    SafeCells.Text(row.Cell(5), b.TicketNo);
                    var column = 6;
                    foreach (var duty in (decimal[])[b.PolicyAdvocate, b.PublicOpinion, b.CivilAgent, b.DisputeMediator, b.PartyBuildingGuide, b.Total])
                    {
                        SafeCells.Number(row.Cell(column++), duty, "0.0");
                    }
                    SafeCells.Text(row.Cell(12), b.Comment);
                }, $"隆安县{cycle.Year}年度基层党组织评议原始数据");
            Sheet(workbook, BallotWorkbook.Cadres.Name, [BallotWorkbook.TicketNo, "等次", BallotWorkbook.Comment], [8, 9, 40], people, cadres, (row, b) =>
            {
                SafeCells.Text(row.Cell(5), b.TicketNo);
                SafeCells.Text(row.Cell(6), BallotWorkbook.Word(BallotWorkbook.Grades, b.Grade));
                SafeCells.Text(row.Cell(7), b.Comment);
            }, $"隆安县{cycle.Year}年度党员干部评议原始数据");
            return ExportSheet.Save(workbook);
        }
    }

    /// <summary>
    /// 五老监督记录.xlsx: every record with its verification, on the contract's 五老监督 sheet with its
    /// headers (the verification's note, verifier and time added after them).
    /// </summary>
    private async Task<byte[]> SupervisionUnloggedAsync(Caller caller, int cycleId, CancellationToken ct)
    {
        var (db, cycle, people) = await OpenAsync(caller, cycleId, ct);
        await using (db)
        {
            var records = await db.SupervisionRecords.AsNoTracking().Where(r => r.CycleId == cycleId).OrderBy(r => r.AssistantId).ThenBy(r => r.Date).ThenBy(r => r.Id).ToListAsync(ct);
            using var workbook = new XLWorkbook();
            Sheet(workbook, BallotWorkbook.Supervision.Name, ["日期", "监督员", "性质", "类别", "严重程度", "情况描述", "核实结果", "核实说明", "核实人", "核实时间"],
                [11, 9, 6, 9, 8, 40, 8, 24, 10, 16], people, records, (row, r) =>
                {
                    row.Cell(5).SetValue(r.Date.ToDateTime(TimeOnly.MinValue));
                    row.Cell(5).Style.DateFormat.Format = "yyyy-mm-dd";
                    SafeCells.Text(row.Cell(6), r.SupervisorName);
                    SafeCells.Text(row.Cell(7), BallotWorkbook.Word(BallotWorkbook.Natures, r.Nature));
                    SafeCells.Text(row.Cell(8), BallotWorkbook.Word(BallotWorkbook.Categories, r.Category));
                    SafeCells.Text(row.Cell(9), r.Severity is { } severity ? BallotWorkbook.Word(BallotWorkbook.Severities, severity) : "");
                    SafeCells.Text(row.Cell(10), r.Description);
                    SafeCells.Text(row.Cell(11), BallotWorkbook.Word(BallotWorkbook.Verifications, r.Verification));
                    SafeCells.Text(row.Cell(12), r.VerificationNote);
                    SafeCells.Text(row.Cell(13), r.VerifiedBy);
                    if (r.VerifiedAt is { } at)
                    {
                        row.Cell(14).SetValue(at.ToOffset(TimeSpan.FromHours(8)).DateTime);
                        row.Cell(14).Style.DateFormat.Format = "yyyy-mm-dd hh:mm";
                    }
                }, $"隆安县{cycle.Year}年度五老监督记录");
            return ExportSheet.Save(workbook);
        }
    }

    /// <summary>
    /// 驻村考勤.xlsx: 考勤汇总, one row per assistant with the days in the village for each month and the
    /// short months counted; and 驻村考勤, the contract's sheet, one row per recorded month.
    /// </summary>
    private async Task<byte[]> AttendanceUnloggedAsync(Caller caller, int cycleId, CancellationToken ct)
    {
        var (db, cycle, people) = await OpenAsync(caller, cycleId, ct);
        await using (db)
        {
            var months = (await db.AttendanceMonths.AsNoTracking().Where(m => m.CycleId == cycleId).Select(m => new { m.AssistantId, m.Month, m.Days }).ToListAsync(ct))
                .ToLookup(m => m.AssistantId);
            var min = cycle.Rules.AttendanceMinDays;
            var headers = s_who.Concat(Enumerable.Range(1, 12).Select(m => $"{m}月")).Append($"不足{min}天月数").ToList();
            using var workbook = new XLWorkbook();
            var sheet = ExportSheet.Begin(workbook, "考勤汇总", headers, [.. s_whoWidths, .. Enumerable.Repeat(5.5, 12), 10]);
            var row = 2;
            foreach (var person in people.Values.OrderBy(p => p.TownshipId).ThenBy(p => p.Code, StringComparer.Ordinal))
            {
                var cells = sheet.Row(row);
                Who(cells, person);
                var own = months[person.AssistantId].ToDictionary(m => m.Month.Month, m => m.Days);
                for (var m = 1; m <= 12; m++)
                {
                    if (own.TryGetValue(m, out var days))
                    {
                        SafeCells.Number(cells.Cell(4 + m), days);
                        if (days < min)
                        {
                            cells.Cell(4 + m).Style.Fill.BackgroundColor = XLColor.FromHtml("#FFEBEE");
                        }
                    }
                }
                SafeCells.Number(cells.Cell(17), own.Values.Count(d => d < min));
                row++;
            }
            ExportSheet.Finish(sheet, row - 2, headers.Count, $"隆安县{cycle.Year}年度驻村考勤汇总");
            var listed = people.Values.OrderBy(p => p.TownshipId).ThenBy(p => p.Code, StringComparer.Ordinal)
                .SelectMany(p => months[p.AssistantId].OrderBy(m => m.Month).Select(m => (Person: p, m.Month, m.Days))).ToList();
            var list = ExportSheet.Begin(workbook, BallotWorkbook.Attendance.Name, [.. s_who, "月份", "驻村天数"], [.. s_whoWidths, 9, 9]);
            row = 2;
            foreach (var (person, month, days) in listed)
            {
                var cells = list.Row(row++);
                Who(cells, person);
                SafeCells.Text(cells.Cell(5), month.ToString("yyyy-MM", CultureInfo.InvariantCulture));
                SafeCells.Number(cells.Cell(6), days);
            }
            ExportSheet.Finish(list, listed.Count, s_who.Length + 2, $"隆安县{cycle.Year}年度驻村考勤");
            return ExportSheet.Save(workbook);
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

    private static void Sheet<T>(XLWorkbook workbook, string name, string[] headers, double[] widths, Dictionary<int, RosterEntry> people,
        IReadOnlyList<T> entries, Action<IXLRow, T> write, string title) where T : Entry
    {
        var sheet = ExportSheet.Begin(workbook, name, [.. s_who, .. headers], [.. s_whoWidths, .. widths]);
        var row = 2;
        foreach (var entry in entries)
        {
            var cells = sheet.Row(row++);
            if (people.TryGetValue(entry.AssistantId, out var person))
            {
                Who(cells, person);
            }
            write(cells, entry);
        }
        ExportSheet.Finish(sheet, entries.Count, s_who.Length + headers.Length, title);
    }

    private static void Who(IXLRow row, RosterEntry person)
    {
        SafeCells.Text(row.Cell(1), person.Code);
        SafeCells.Text(row.Cell(2), person.Name);
        SafeCells.Text(row.Cell(3), person.TownshipName);
        SafeCells.Text(row.Cell(4), person.VillageName);
    }
}
