using Longan.Appraisal.Core.Domain.Audit;
using System.Globalization;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Excel;
using Longan.Appraisal.Core.Features.Assistants;
using Longan.Appraisal.Core.Features.Attendance;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Cycles;
using Longan.Appraisal.Core.Features.Entries;
using Longan.Appraisal.Core.Features.Evaluations;
using Longan.Appraisal.Core.Features.Supervision;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Resources;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Core.Security.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Longan.Appraisal.Core.Features.Imports;

/// <summary>
/// Imports a 评议数据.xlsx into a cycle (spec workbooks.md): every sheet optional, columns matched
/// by header, all-or-nothing — any invalid row and nothing is saved, with every error located by
/// sheet, row and column. The same file twice is refused unless the earlier import is replaced.
/// Each row is read into the input the entry's form fills and judged by the same rules (its
/// <c>Check()</c>, <see cref="TicketBook"/>); only reading the cells (numbers, dates, drop-down
/// words) and what the form has no field for (核实结果) are the import's own.
/// </summary>
public sealed class BallotImportService(IDbContextFactory<AppraisalDbContext> dbFactory, CycleService cycles, TimeProvider clock, ILogger<BallotImportService> logger)
{
    /// <summary>Reads and checks the workbook without saving; throws <see cref="ImportRejectedException"/> with every problem.</summary>
    public Task<ImportSummary> CheckAsync(Caller caller, int cycleId, byte[] content, string fileName, bool replace, CancellationToken ct = default) =>
        OperationLog.TimedAsync(logger, ImportLog.BallotsCheck, () => WorkbookFile.ReadAsync(fileName, async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
            using var file = WorkbookFile.Open(content, fileName);
            var parsed = await ParseAsync(db, caller, cycleId, file, fileName, replace, ct);
            return parsed.Summary(0, false);
        }), (summary, ms) => ImportLog.BallotsChecked(logger, ImportLog.BallotsCheck, cycleId, summary.Rows, ms));

    /// <summary>Imports the workbook in one transaction, replacing an earlier import of the same file when asked.</summary>
    public Task<ImportSummary> ImportAsync(Caller caller, int cycleId, byte[] content, string fileName, bool replace, CancellationToken ct = default) =>
        OperationLog.TimedAsync(logger, ImportLog.Ballots, () => WorkbookFile.ReadAsync(fileName, async () =>
        {
            using var file = WorkbookFile.Open(content, fileName);
            await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var summary = await ImportAsync(db, caller, cycleId, file, fileName, replace, ct);
            await tx.CommitAsync(ct);
            return summary;
        }), (summary, ms) => ImportLog.BallotsImported(logger, ImportLog.Ballots, cycleId, summary.Rows, summary.Replaced, ms));

    /// <summary>
    /// Imports the workbook into a year's cycle (the admin verb `import-ballots`); when the year has
    /// none, it is created with the default rules and opened for collection in the same
    /// transaction as the import, so a refused file leaves no cycle behind.
    /// </summary>
    /// <returns>The summary, and whether the cycle was created.</returns>
    public async Task<(ImportSummary Summary, bool CycleCreated)> ImportIntoYearAsync(Caller caller, int year, byte[] content, string fileName, bool replace, CancellationToken ct = default)
    {
        var (imported, cycleCreated, _) = await OperationLog.TimedAsync(logger, ImportLog.Ballots, () => WorkbookFile.ReadAsync(fileName, async () =>
        {
            using var file = WorkbookFile.Open(content, fileName);
            await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var cycleId = await db.Cycles.Where(c => c.Year == year).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
            var created = cycleId is null;
            if (cycleId is null)
            {
                cycleId = await cycles.CreateAsync(db, caller, year, ct);
                await cycles.TransitionAsync(db, caller, cycleId.Value, CycleState.Collecting, null, ct);
            }
            var summary = await ImportAsync(db, caller, cycleId.Value, file, fileName, replace, ct);
            await tx.CommitAsync(ct);
            return (summary, created, cycleId.Value);
        }), (done, ms) => ImportLog.BallotsImported(logger, ImportLog.Ballots, done.Item3, done.summary.Rows, done.summary.Replaced, ms));
        return (imported, cycleCreated);
    }

    private async Task<ImportSummary> ImportAsync(AppraisalDbContext db, Caller caller, int cycleId, WorkbookFile file, string fileName, bool replace, CancellationToken ct)
    {
        // The batch is recorded (file, content hash, rows), not each of its thousands of entries.
        db.Summarise(typeof(VillagerTally), typeof(PartyBallot), typeof(CadreBallot), typeof(SupervisionRecord), typeof(AttendanceMonth));
        var parsed = await ParseAsync(db, caller, cycleId, file, fileName, replace, ct);
        var now = clock.GetUtcNow();
        if (parsed.Previous is { } previous)
        {
            await RemoveAsync(db, previous.Id, ct);
            db.Record(AuditAction.Deleted, nameof(ImportBatch), previous.Id.ToString(CultureInfo.InvariantCulture),
                $"重新导入 {previous.FileName}：删除第 {previous.Id} 批及其 {previous.Rows} 行导入的数据", before: new { previous.FileName, previous.ContentHash, previous.Rows, previous.ImportedBy, previous.ImportedAt });
        }
        var batch = new ImportBatch
        {
            CycleId = cycleId, Kind = ImportBatch.Ballots, FileName = ImportBatch.NameOf(fileName), ContentHash = file.ContentHash,
            ImportedBy = caller.UserName, ImportedAt = now, Rows = parsed.Count,
        };
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync(ct);
        foreach (var entry in parsed.Entries)
        {
            entry.ImportId = batch.Id;
            entry.CreatedAt = entry.UpdatedAt = now;
        }
        db.AddRange(parsed.Entries);
        EntryLog.Add(db, caller, now, cycleId, nameof(ImportBatch), batch.Id, EntryLog.Created, null,
            new { batch.FileName, batch.ContentHash, batch.Rows, Replaced = parsed.Previous?.Id });
        await db.SaveChangesAsync(ct);
        return parsed.Summary(batch.Id, parsed.Previous is not null);
    }

    private static async Task RemoveAsync(AppraisalDbContext db, int importId, CancellationToken ct)
    {
        await db.VillagerTallies.Where(e => e.ImportId == importId).ExecuteDeleteAsync(ct);
        await db.PartyBallots.Where(e => e.ImportId == importId).ExecuteDeleteAsync(ct);
        await db.CadreBallots.Where(e => e.ImportId == importId).ExecuteDeleteAsync(ct);
        await db.SupervisionRecords.Where(e => e.ImportId == importId).ExecuteDeleteAsync(ct);
        await db.AttendanceMonths.Where(e => e.ImportId == importId).ExecuteDeleteAsync(ct);
        await db.ImportBatches.Where(b => b.Id == importId).ExecuteDeleteAsync(ct);
    }

    private async Task<Parsed> ParseAsync(AppraisalDbContext db, Caller caller, int cycleId, WorkbookFile file, string fileName, bool replace, CancellationToken ct)
    {
        CyclePolicy.Ensure(caller, CycleOperation.Import);
        var cycle = await db.Cycles.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cycleId, ct) ?? throw new NotFoundException(Messages.CycleNotFound);
        EntryGuard.EnsureOpen(cycle, caller);
        var previous = await db.ImportBatches.AsNoTracking()
            .FirstOrDefaultAsync(b => b.CycleId == cycleId && b.Kind == ImportBatch.Ballots && b.ContentHash == file.ContentHash, ct);
        if (previous is not null && !replace)
        {
            throw new ImportRejectedException([ImportError.OfFile(fileName, Messages.FileAlreadyImported(previous.ImportedAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), previous.ImportedBy))]);
        }

        // Keyed as a row's code is read, so a code stored before codes were normalised is found too.
        var roster = AssistantCodes.Index(await CycleRoster.ForYearAsync(db, cycle.Year, ct), r => r.Code);
        var context = new RowContext(cycle, caller, roster, CountyCalendar.Today(clock), clock.GetUtcNow(), previous?.Id);
        await context.LoadExistingAsync(db, ct);
        var errors = new List<ImportError>();
        var parsed = new Parsed(previous);
        var found = 0;
        foreach (var sheet in BallotWorkbook.Sheets)
        {
            if (file.Sheet(sheet.Name) is not { } worksheet)
            {
                continue;
            }
            found++;
            if (SheetTable.Open(worksheet, sheet.Required, sheet.Optional, errors) is not { } table)
            {
                continue;
            }
            foreach (var row in table.Rows())
            {
                var before = errors.Count;
                var entry = ReadRow(sheet, row, context);
                if (entry is not null && errors.Count == before)
                {
                    parsed.Add(sheet, entry);
                }
            }
        }
        if (found == 0)
        {
            errors.Add(ImportError.OfFile(fileName, Messages.FileHasNoKnownSheet(string.Join("、", BallotWorkbook.Sheets.Select(s => s.Name)))));
        }
        else if (errors.Count == 0 && parsed.Count == 0)
        {
            errors.Add(ImportError.OfFile(fileName, Messages.FileHasNoRows));
        }
        if (errors.Count > 0)
        {
            throw new ImportRejectedException(errors);
        }
        return parsed;
    }

    private static Entry? ReadRow(BallotWorkbook.Sheet sheet, SheetRow row, RowContext context)
    {
        var assistant = context.Assistant(row, sheet.Kind);
        Entry? entry = sheet.Name switch
        {
            "群众评议" => ReadTally(row, sheet),
            "群众意见" => new VillagerTally { Comment = row.RequiredText(BallotWorkbook.Comment, FieldLimits.Comment, multiline: true) },
            "党组织评议" => ReadParty(row, sheet, context, assistant),
            "党员干部评议" => ReadCadre(row, sheet, context, assistant),
            "五老监督" => ReadRecord(row, sheet, context, assistant),
            _ => ReadAttendance(row, context, assistant),
        };
        if (entry is null || assistant is null)
        {
            return null;
        }
        entry.CycleId = context.Cycle.Id;
        entry.AssistantId = assistant.AssistantId;
        entry.EnteredBy = context.Caller.UserId;
        return entry;
    }

    private static VillagerTally? ReadTally(SheetRow row, BallotWorkbook.Sheet sheet)
    {
        var s = row.Int("满意", 0, TallyInput.MaxCount);
        var b = row.Int("基本满意", 0, TallyInput.MaxCount);
        var d = row.Int("不满意", 0, TallyInput.MaxCount);
        var i = row.Int("无效", 0, TallyInput.MaxCount, required: false) ?? 0;
        if (s is null || b is null || d is null)
        {
            return null;
        }
        // 备注 says which meeting or round the tally is from (e.g. "3月村民代表会议"); villagers' own words
        // come on the 群众意见 sheet. Kept apart, a clerk's note never prints as a villager's opinion.
        var input = new TallyInput { Satisfied = s.Value, BasicallySatisfied = b.Value, Dissatisfied = d.Value, Invalid = i, Round = row.Text("备注", FieldLimits.Name) };
        // The sheet has no comment column, so an empty tally is told where the comments go instead.
        row.Report(input.Check().Select(e => e.Message == Messages.TallyEmpty ? e with { Message = Messages.ImportTallyEmpty } : e), sheet.Columns);
        return new VillagerTally { Satisfied = input.Satisfied, BasicallySatisfied = input.BasicallySatisfied, Dissatisfied = input.Dissatisfied, Invalid = input.Invalid, Round = input.Round };
    }

    private static PartyBallot? ReadParty(SheetRow row, BallotWorkbook.Sheet sheet, RowContext context, RosterEntry? assistant)
    {
        var scores = PartyBallotInput.Duties.Select(duty => row.Decimal(sheet.Columns[duty.Field])).ToArray();
        var input = new PartyBallotInput
        {
            TicketNo = row.Code(BallotWorkbook.TicketNo, FieldLimits.Short, required: false),
            PolicyAdvocate = scores[0], PublicOpinion = scores[1], CivilAgent = scores[2], DisputeMediator = scores[3], PartyBuildingGuide = scores[4],
            Comment = row.Text(BallotWorkbook.Comment, FieldLimits.Comment, multiline: true),
        };
        row.Report(input.Check(), sheet.Columns);
        context.ClaimTicket(row, EntryKind.PartyBallot, assistant, input.TicketNo);
        return input.Total is null ? null : new PartyBallot
        {
            TicketNo = input.TicketNo, PolicyAdvocate = input.PolicyAdvocate!.Value, PublicOpinion = input.PublicOpinion!.Value, CivilAgent = input.CivilAgent!.Value,
            DisputeMediator = input.DisputeMediator!.Value, PartyBuildingGuide = input.PartyBuildingGuide!.Value, Comment = input.Comment,
        };
    }

    private static CadreBallot? ReadCadre(SheetRow row, BallotWorkbook.Sheet sheet, RowContext context, RosterEntry? assistant)
    {
        var input = new CadreBallotInput
        {
            Grade = row.Choice("等次", BallotWorkbook.Grades, required: true),
            TicketNo = row.Code(BallotWorkbook.TicketNo, FieldLimits.Short, required: false),
            Comment = row.Text(BallotWorkbook.Comment, FieldLimits.Comment, multiline: true),
        };
        row.Report(input.Check(), sheet.Columns);
        context.ClaimTicket(row, EntryKind.CadreBallot, assistant, input.TicketNo);
        return input.Grade is { } grade ? new CadreBallot { Grade = grade, TicketNo = input.TicketNo, Comment = input.Comment } : null;
    }

    private static SupervisionRecord? ReadRecord(SheetRow row, BallotWorkbook.Sheet sheet, RowContext context, RosterEntry? assistant)
    {
        var input = new SupervisionInput
        {
            Date = row.Date("日期", required: true),
            SupervisorName = row.RequiredText("监督员", FieldLimits.Name),
            Nature = row.Choice("性质", BallotWorkbook.Natures, required: true),
            Category = row.Choice("类别", BallotWorkbook.Categories, required: true),
            Severity = row.Choice("严重程度", BallotWorkbook.Severities, required: false),
            Description = row.RequiredText("情况描述", FieldLimits.Comment, multiline: true),
        };
        // 核实结果 has no field in the form: a township verifies a filed record separately.
        var verification = row.Choice("核实结果", BallotWorkbook.Verifications, required: false) ?? Verification.Pending;
        row.Report(input.Check(context.Cycle.Year, context.Today), sheet.Columns);
        if (input is not { Date: { } date, SupervisorName: { } supervisor, Nature: { } nature, Category: { } category, Description: { } description })
        {
            return null;
        }
        return new SupervisionRecord
        {
            Date = date,
            SupervisorName = supervisor,
            SupervisorId = assistant is null ? null : context.SupervisorId(assistant.VillageId, supervisor),
            Nature = nature,
            Category = category,
            Severity = nature == RecordNature.Issue ? input.Severity : null,
            Description = description,
            Verification = verification,
            VerifiedBy = verification == Verification.Pending ? null : context.Caller.UserName,
            VerifiedAt = verification == Verification.Pending ? null : context.Now,
            FiledBy = context.Caller.UserName,
        };
    }

    private static AttendanceMonth? ReadAttendance(SheetRow row, RowContext context, RosterEntry? assistant)
    {
        var month = row.Month("月份");
        if (month is { } m && m.Year != context.Cycle.Year)
        {
            row.Error("月份", m.ToString("yyyy-MM", CultureInfo.InvariantCulture), Messages.RecordDateOutsideYear(context.Cycle.Year));
            return null;
        }
        var max = month is { } first ? DateTime.DaysInMonth(first.Year, first.Month) : 31;
        var days = row.Int("驻村天数", 0, max);
        if (month is null || days is null)
        {
            return null;
        }
        if (assistant is not null && AttendanceMonths.Problem(context.Cycle.Year, month.Value.Month, assistant.Name, assistant.ServedFrom, context.Today) is { } problem)
        {
            row.Error("月份", month.Value.ToString("yyyy-MM", CultureInfo.InvariantCulture), problem);
            return null;
        }
        if (assistant is not null && !context.TakeMonth(assistant.AssistantId, month.Value, out var reason))
        {
            row.Error("月份", month.Value.ToString("yyyy-MM", CultureInfo.InvariantCulture), reason);
            return null;
        }
        return new AttendanceMonth { Month = month.Value, Days = days.Value };
    }

    /// <summary>What rows are checked against: the cycle's roster, the caller's scope, 票号 and months already taken.</summary>
    private sealed class RowContext(AppraisalCycle cycle, Caller caller, ILookup<string, RosterEntry> roster, DateOnly today, DateTimeOffset now, int? replacedImport)
    {
        private TicketBook? _tickets;
        private readonly HashSet<(int Assistant, DateOnly Month)> _months = [];
        private readonly HashSet<(int Assistant, DateOnly Month)> _monthsInFile = [];
        private Dictionary<(int Village, string Name), int> _supervisors = [];

        public AppraisalCycle Cycle => cycle;
        public Caller Caller => caller;
        public DateOnly Today => today;
        public DateTimeOffset Now => now;

        public async Task LoadExistingAsync(AppraisalDbContext db, CancellationToken ct)
        {
            _tickets = await TicketBook.ForCycleAsync(db, cycle.Id, replacedImport, ct);
            foreach (var m in await db.AttendanceMonths.Where(a => a.CycleId == cycle.Id && (replacedImport == null || a.ImportId != replacedImport))
                         .Select(a => new { a.AssistantId, a.Month }).ToListAsync(ct))
            {
                _months.Add((m.AssistantId, m.Month));
            }
            _supervisors = (await db.Supervisors.Select(s => new { s.VillageId, s.Name, s.Id }).ToListAsync(ct))
                .GroupBy(s => (s.VillageId, s.Name)).ToDictionary(g => g.Key, g => g.First().Id);
        }

        /// <summary>The row's assistant, when the code exists in this cycle and is within the caller's scope.</summary>
        public RosterEntry? Assistant(SheetRow row, EntryKind kind)
        {
            var code = row.Code(BallotWorkbook.Code, FieldLimits.Code, required: true);
            if (code is null)
            {
                return null;
            }
            var entries = roster[code].ToList();
            if (entries.Count != 1)
            {
                row.Error(BallotWorkbook.Code, code, entries.Count == 0
                    ? Messages.UnknownAssistantCode(cycle.Year)
                    : Messages.CodeAmbiguous(code, string.Join("、", entries.Select(e => e.Name))));
                return null;
            }
            var entry = entries[0];
            // The same rule as typing the row into the form: this kind of entry, this assistant's village.
            if (!EntryPolicy.Can(caller, kind, EntryOperation.Add, new EntryScope(entry.TownshipId, entry.VillageId)))
            {
                row.Error(BallotWorkbook.Code, code, Messages.AssistantOutsideTownship);
                return null;
            }
            return entry;
        }

        /// <summary>The row's 票号 (optional) for the assistant's ballot of the group, under the same rule as the forms'.</summary>
        public void ClaimTicket(SheetRow row, EntryKind group, RosterEntry? assistant, string? ticket)
        {
            if (assistant is not null && _tickets!.Claim(group, assistant.AssistantId, ticket) is { } problem)
            {
                row.Error(BallotWorkbook.TicketNo, ticket, problem);
            }
        }

        public bool TakeMonth(int assistant, DateOnly month, out string reason)
        {
            reason = _months.Contains((assistant, month)) ? Messages.AttendanceAlreadyRecorded : Messages.RepeatedInFile;
            return !_months.Contains((assistant, month)) && _monthsInFile.Add((assistant, month));
        }

        public int? SupervisorId(int village, string name) => _supervisors.TryGetValue((village, name), out var id) ? id : null;
    }

    private sealed class Parsed(ImportBatch? previous)
    {
        private readonly Dictionary<string, int> _counts = [];

        public ImportBatch? Previous => previous;
        public List<Entry> Entries { get; } = [];
        public int Count => Entries.Count;

        public void Add(BallotWorkbook.Sheet sheet, Entry entry)
        {
            Entries.Add(entry);
            _counts[sheet.Name] = _counts.GetValueOrDefault(sheet.Name) + 1;
        }

        public ImportSummary Summary(int importId, bool replaced) => new(importId,
            _counts.GetValueOrDefault(BallotWorkbook.Villagers.Name), _counts.GetValueOrDefault(BallotWorkbook.VillagerComments.Name),
            _counts.GetValueOrDefault(BallotWorkbook.Party.Name), _counts.GetValueOrDefault(BallotWorkbook.Cadres.Name),
            _counts.GetValueOrDefault(BallotWorkbook.Supervision.Name), _counts.GetValueOrDefault(BallotWorkbook.Attendance.Name), replaced);
    }
}
