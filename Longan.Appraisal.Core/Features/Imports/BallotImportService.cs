using Longan.Appraisal.Core.Domain.Audit;
using System.Diagnostics;
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
/// The whole file is read and judged before the write transaction begins: the transaction only
/// looks again at what others may have changed meanwhile (the cycle's state, 票号 and months taken,
/// an earlier import of the same file) and writes the rows in bulk, so the largest allowed file
/// holds the write lock for a second or two, not the half-minute that made other writers time out.
/// </summary>
public sealed class BallotImportService(IDbContextFactory<AppraisalDbContext> dbFactory, CycleService cycles, TimeProvider clock, ILogger<BallotImportService> logger)
{
    /// <summary>Reads and checks the workbook without saving; throws <see cref="ImportRejectedException"/> with every problem.</summary>
    public Task<ImportSummary> CheckAsync(Caller caller, int cycleId, byte[] content, string fileName, bool replace, CancellationToken ct = default) =>
        OperationLog.TimedAsync(logger, ImportLog.BallotsCheck, () => WorkbookFile.ReadAsync(fileName, async () =>
        {
            var parsed = await ParseAsync(caller, db => StoredCycleAsync(db, cycleId, ct), content, fileName, replace, ct);
            return parsed.Summary(0, false);
        }), (summary, ms) => ImportLog.BallotsChecked(logger, ImportLog.BallotsCheck, cycleId, summary.Rows, ms));

    /// <summary>Imports the workbook in one transaction, replacing an earlier import of the same file when asked.</summary>
    public Task<ImportSummary> ImportAsync(Caller caller, int cycleId, byte[] content, string fileName, bool replace, CancellationToken ct = default) =>
        OperationLog.TimedAsync(logger, ImportLog.Ballots, () => WorkbookFile.ReadAsync(fileName, async () =>
        {
            var parsed = await ParseAsync(caller, db => StoredCycleAsync(db, cycleId, ct), content, fileName, replace, ct);
            return await WriteAsync(caller, parsed, fileName, replace, async db => await StoredCycleAsync(db, cycleId, ct), ct);
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
            // A year without a cycle is read as the cycle it will be: collecting, nothing in it yet.
            var parsed = await ParseAsync(caller, async db => await db.Cycles.AsNoTracking().FirstOrDefaultAsync(c => c.Year == year, ct)
                ?? new AppraisalCycle { Year = year, State = CycleState.Collecting }, content, fileName, replace, ct);
            var created = false;
            var cycleId = 0;
            var summary = await WriteAsync(caller, parsed, fileName, replace, async db =>
            {
                if (await db.Cycles.AsNoTracking().FirstOrDefaultAsync(c => c.Year == year, ct) is { } cycle)
                {
                    cycleId = cycle.Id;
                    return cycle;
                }
                cycleId = await cycles.CreateAsync(db, caller, year, ct);
                await cycles.TransitionAsync(db, caller, cycleId, CycleState.Collecting, null, ct);
                created = true;
                return await StoredCycleAsync(db, cycleId, ct);
            }, ct);
            return (summary, created, cycleId);
        }), (done, ms) => ImportLog.BallotsImported(logger, ImportLog.Ballots, done.cycleId, done.summary.Rows, done.summary.Replaced, ms));
        return (imported, cycleCreated);
    }

    private static async Task<AppraisalCycle> StoredCycleAsync(AppraisalDbContext db, int cycleId, CancellationToken ct) =>
        await db.Cycles.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cycleId, ct) ?? throw new NotFoundException(Messages.CycleNotFound);

    /// <summary>
    /// Writes what <see cref="ParseAsync"/> read, in one short transaction: the cycle (found or
    /// created by <paramref name="cycleOf"/>) and what others may have stored since the file was
    /// read are checked again, then the earlier import is removed when replaced and the rows are
    /// written in bulk.
    /// </summary>
    private async Task<ImportSummary> WriteAsync(Caller caller, Parsed parsed, string fileName, bool replace, Func<AppraisalDbContext, Task<AppraisalCycle>> cycleOf, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var waited = Stopwatch.StartNew();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var held = Stopwatch.StartNew();
        logger.LogInformation("Import of {File}: {Rows} rows read and checked in {ReadMs} ms; writing after waiting {WaitMs} ms for the write lock.",
            ImportBatch.NameOf(fileName), parsed.Count, (long)parsed.ReadTime.TotalMilliseconds, (long)waited.Elapsed.TotalMilliseconds);
        var cycle = await cycleOf(db);
        EntryGuard.EnsureOpen(cycle, caller);
        var stored = await StoredFacts.LoadAsync(db, cycle, parsed.ContentHash, fileName, replace, ct);
        Recheck(parsed, stored);

        var now = clock.GetUtcNow();
        if (stored.Previous is { } previous)
        {
            await RemoveAsync(db, previous.Id, ct);
            db.Record(AuditAction.Deleted, nameof(ImportBatch), previous.Id.ToString(CultureInfo.InvariantCulture),
                $"重新导入 {previous.FileName}：删除第 {previous.Id} 批及其 {previous.Rows} 行导入的数据", before: new { previous.FileName, previous.ContentHash, previous.Rows, previous.ImportedBy, previous.ImportedAt });
        }
        // The batch is recorded (file, content hash, rows), not each of its thousands of entries.
        var batch = new ImportBatch
        {
            CycleId = cycle.Id, Kind = ImportBatch.Ballots, FileName = ImportBatch.NameOf(fileName), ContentHash = parsed.ContentHash,
            ImportedBy = caller.UserName, ImportedAt = now, Rows = parsed.Count,
        };
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync(ct);
        foreach (var row in parsed.Rows)
        {
            row.Entry.CycleId = cycle.Id;
            row.Entry.ImportId = batch.Id;
            row.Entry.CreatedAt = row.Entry.UpdatedAt = now;
        }
        await BulkEntryWriter.WriteAsync(db, parsed.Of<VillagerTally>(), ct);
        await BulkEntryWriter.WriteAsync(db, parsed.Of<PartyBallot>(), ct);
        await BulkEntryWriter.WriteAsync(db, parsed.Of<CadreBallot>(), ct);
        await BulkEntryWriter.WriteAsync(db, parsed.Of<SupervisionRecord>(), ct);
        await BulkEntryWriter.WriteAsync(db, parsed.Of<AttendanceMonth>(), ct);
        EntryLog.Add(db, caller, now, cycle.Id, nameof(ImportBatch), batch.Id, EntryLog.Created, null,
            new { batch.FileName, batch.ContentHash, batch.Rows, Replaced = stored.Previous?.Id });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Imported {Rows} rows of {File} into cycle {Cycle} as batch {Batch}, holding the write lock {WriteMs} ms.",
            parsed.Count, batch.FileName, cycle.Id, batch.Id, (long)held.Elapsed.TotalMilliseconds);
        return parsed.Summary(batch.Id, stored.Previous is not null);
    }

    /// <summary>
    /// The rows' claims on what is stored — 票号 and attendance months — judged again against what is
    /// stored now, inside the write transaction, by the same rules as when the file was read: a
    /// ballot saved by a township while the file was being read is not doubled by the import.
    /// Supervisors are looked up again (one may have been registered or removed meanwhile).
    /// </summary>
    private static void Recheck(Parsed parsed, StoredFacts stored)
    {
        var errors = new List<ImportError>();
        foreach (var row in parsed.Rows)
        {
            var (column, value, problem) = row.Entry switch
            {
                PartyBallot b => (BallotWorkbook.TicketNo, b.TicketNo, stored.Tickets.Claim(EntryKind.PartyBallot, b.AssistantId, b.TicketNo)),
                CadreBallot b => (BallotWorkbook.TicketNo, b.TicketNo, stored.Tickets.Claim(EntryKind.CadreBallot, b.AssistantId, b.TicketNo)),
                AttendanceMonth m => ("月份", m.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), stored.MonthTaken(m.AssistantId, m.Month) ? Messages.AttendanceAlreadyRecorded : null),
                _ => ("", null, null),
            };
            if (problem is not null)
            {
                errors.Add(new ImportError(row.Sheet.Name, row.Number, column, value, problem));
            }
            if (row.Entry is SupervisionRecord record)
            {
                record.SupervisorId = stored.SupervisorId(row.VillageId, record.SupervisorName);
            }
        }
        if (errors.Count > 0)
        {
            throw new ImportRejectedException(errors);
        }
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

    /// <summary>Reads and judges every row, outside any transaction (others write meanwhile); throws with every problem found.</summary>
    private async Task<Parsed> ParseAsync(Caller caller, Func<AppraisalDbContext, Task<AppraisalCycle>> cycleOf, byte[] content, string fileName, bool replace, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        using var file = WorkbookFile.Open(content, fileName);
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        CyclePolicy.Ensure(caller, CycleOperation.Import);
        var cycle = await cycleOf(db);
        EntryGuard.EnsureOpen(cycle, caller);
        var stored = await StoredFacts.LoadAsync(db, cycle, file.ContentHash, fileName, replace, ct);

        // Keyed as a row's code is read, so a code stored before codes were normalised is found too.
        var roster = AssistantCodes.Index(await CycleRoster.ForYearAsync(db, cycle.Year, ct), r => r.Code);
        var context = new RowContext(cycle, caller, roster, stored, CountyCalendar.Today(clock), clock.GetUtcNow());
        var errors = new List<ImportError>();
        var parsed = new Parsed(file.ContentHash);
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
                var entry = ReadRow(sheet, row, context, out var villageId);
                if (entry is not null && errors.Count == before)
                {
                    parsed.Add(sheet, row.Number, villageId, entry);
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
        parsed.ReadTime = watch.Elapsed;
        return parsed;
    }

    private static Entry? ReadRow(BallotWorkbook.Sheet sheet, SheetRow row, RowContext context, out int villageId)
    {
        var assistant = context.Assistant(row, sheet.Kind);
        villageId = assistant?.VillageId ?? 0;
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

    /// <summary>
    /// What is stored that rows are judged against: an earlier import of the same file (refused
    /// unless replaced; its rows do not count), the cycle's 票号 and attendance months, the
    /// registered supervisors. Loaded when the file is read and again inside the write transaction.
    /// </summary>
    private sealed class StoredFacts
    {
        private readonly HashSet<(int Assistant, DateOnly Month)> _months = [];
        private Dictionary<(int Village, string Name), int> _supervisors = [];

        private StoredFacts(ImportBatch? previous, TicketBook tickets)
        {
            Previous = previous;
            Tickets = tickets;
        }

        public ImportBatch? Previous { get; }
        public TicketBook Tickets { get; }

        public static async Task<StoredFacts> LoadAsync(AppraisalDbContext db, AppraisalCycle cycle, string contentHash, string fileName, bool replace, CancellationToken ct)
        {
            var previous = await db.ImportBatches.AsNoTracking()
                .FirstOrDefaultAsync(b => b.CycleId == cycle.Id && b.Kind == ImportBatch.Ballots && b.ContentHash == contentHash, ct);
            if (previous is not null && !replace)
            {
                throw new ImportRejectedException([ImportError.OfFile(fileName, Messages.FileAlreadyImported(previous.ImportedAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), previous.ImportedBy))]);
            }
            var replaced = previous?.Id;
            var facts = new StoredFacts(previous, await TicketBook.ForCycleAsync(db, cycle.Id, replaced, ct));
            foreach (var m in await db.AttendanceMonths.Where(a => a.CycleId == cycle.Id && (replaced == null || a.ImportId != replaced))
                         .Select(a => new { a.AssistantId, a.Month }).ToListAsync(ct))
            {
                facts._months.Add((m.AssistantId, m.Month));
            }
            facts._supervisors = (await db.Supervisors.Select(s => new { s.VillageId, s.Name, s.Id }).ToListAsync(ct))
                .GroupBy(s => (s.VillageId, s.Name)).ToDictionary(g => g.Key, g => g.First().Id);
            return facts;
        }

        public bool MonthTaken(int assistant, DateOnly month) => _months.Contains((assistant, month));

        public int? SupervisorId(int village, string name) => _supervisors.TryGetValue((village, name), out var id) ? id : null;
    }

    /// <summary>What rows are checked against: the cycle's roster, the caller's scope, what is stored, months earlier in the file.</summary>
    private sealed class RowContext(AppraisalCycle cycle, Caller caller, ILookup<string, RosterEntry> roster, StoredFacts stored, DateOnly today, DateTimeOffset now)
    {
        private readonly HashSet<(int Assistant, DateOnly Month)> _monthsInFile = [];

        public AppraisalCycle Cycle => cycle;
        public Caller Caller => caller;
        public DateOnly Today => today;
        public DateTimeOffset Now => now;

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
            if (assistant is not null && stored.Tickets.Claim(group, assistant.AssistantId, ticket) is { } problem)
            {
                row.Error(BallotWorkbook.TicketNo, ticket, problem);
            }
        }

        public bool TakeMonth(int assistant, DateOnly month, out string reason)
        {
            var taken = stored.MonthTaken(assistant, month);
            reason = taken ? Messages.AttendanceAlreadyRecorded : Messages.RepeatedInFile;
            return !taken && _monthsInFile.Add((assistant, month));
        }

        public int? SupervisorId(int village, string name) => stored.SupervisorId(village, name);
    }

    /// <param name="Number">The row's number in Excel, where a problem found on writing is reported.</param>
    /// <param name="VillageId">The assistant's village (a record's supervisor is looked up there).</param>
    private sealed record ParsedRow(BallotWorkbook.Sheet Sheet, int Number, int VillageId, Entry Entry);

    private sealed class Parsed(string contentHash)
    {
        private readonly Dictionary<string, int> _counts = [];

        public string ContentHash => contentHash;
        public List<ParsedRow> Rows { get; } = [];
        public int Count => Rows.Count;
        public TimeSpan ReadTime { get; set; }

        public void Add(BallotWorkbook.Sheet sheet, int number, int villageId, Entry entry)
        {
            Rows.Add(new ParsedRow(sheet, number, villageId, entry));
            _counts[sheet.Name] = _counts.GetValueOrDefault(sheet.Name) + 1;
        }

        public List<T> Of<T>() where T : Entry => Rows.Select(r => r.Entry).OfType<T>().ToList();

        public ImportSummary Summary(int importId, bool replaced) => new(importId,
            _counts.GetValueOrDefault(BallotWorkbook.Villagers.Name), _counts.GetValueOrDefault(BallotWorkbook.VillagerComments.Name),
            _counts.GetValueOrDefault(BallotWorkbook.Party.Name), _counts.GetValueOrDefault(BallotWorkbook.Cadres.Name),
            _counts.GetValueOrDefault(BallotWorkbook.Supervision.Name), _counts.GetValueOrDefault(BallotWorkbook.Attendance.Name), replaced);
    }
}
