using System.Diagnostics;
using System.Globalization;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Audit;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Excel;
using Longan.Appraisal.Core.Features.Assistants;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Postings;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Resources;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Core.Security.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Longan.Appraisal.Core.Features.Imports;

/// <summary>
/// Imports a 助理员名册.xlsx (spec workbooks.md): upsert by 编号, townships and villages created when
/// missing, the posting to 驻村 created or its term dates updated. All-or-nothing, county only.
/// The whole file is read and judged before the write transaction begins; the transaction judges
/// the rows again against what is stored then (by the same rules) and writes what is new in bulk,
/// so the largest roster holds the write lock for seconds, not the ~40 s that timed other writers out.
/// </summary>
public sealed class RosterImportService(IDbContextFactory<AppraisalDbContext> dbFactory, TimeProvider clock, ILogger<RosterImportService> logger)
{
    public const string SheetName = "助理员名册";

    /// <summary>
    /// Assistants one roster may bring: more than the administrative villages of any province. The
    /// file is held in memory as read (60 000 rows: a few hundred MB while ClosedXML reads it), so a
    /// larger one is split by city or county.
    /// </summary>
    public const int MaxRows = 60_000;
    public static readonly IReadOnlyList<string> Required = ["编号", "姓名", "乡镇", "驻村"];
    public static readonly IReadOnlyList<string> Optional = ["性别", "民族", "出生日期", "政治面貌", "学历", "派出单位及职务", "任期开始", "任期结束"];
    public static readonly IReadOnlyDictionary<string, Gender> Genders = new Dictionary<string, Gender> { ["男"] = Gender.Male, ["女"] = Gender.Female };

    /// <summary>The roster's column for each field <see cref="PostingRules"/> names: a row posts its 编号 to its 驻村.</summary>
    private static readonly IReadOnlyDictionary<string, string> s_postingColumns = new Dictionary<string, string>
    {
        [nameof(AssignInput.AssistantId)] = "驻村", [nameof(AssignInput.VillageId)] = "驻村",
        [nameof(AssignInput.StartDate)] = "任期开始", [nameof(AssignInput.PlannedEndDate)] = "任期结束",
    };

    public async Task<RosterImportSummary> ImportAsync(Caller caller, byte[] content, string fileName, CancellationToken ct = default)
    {
        MasterDataPolicy.Ensure(caller, MasterDataOperation.Manage);
        return await OperationLog.TimedAsync(logger, ImportLog.Roster, () => WorkbookFile.ReadAsync(fileName, () => ImportCheckedAsync(caller, content, fileName, ct)),
            (summary, ms) => ImportLog.RosterImported(logger, ImportLog.Roster, summary.Rows, summary.NewAssistants, summary.UpdatedAssistants, summary.NewPostings, ms));
    }

    private async Task<RosterImportSummary> ImportCheckedAsync(Caller caller, byte[] content, string fileName, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        RosterFile roster;
        using (var file = WorkbookFile.Open(content, fileName))
        {
            roster = Read(file, fileName, CountyCalendar.Today(clock));
        }
        // Judged against what is stored now, outside any transaction: a refused file never takes the
        // write turn, and the reading of a large one keeps nobody else waiting.
        await using (var db = await dbFactory.CreateDbContextAsync(caller, ct))
        {
            Plan(roster, await StoredRoster.LoadAsync(db, ct));
        }
        return await WriteAsync(caller, roster, fileName, watch.Elapsed, ct);
    }

    /// <summary>The rows of the file, every cell read; throws with every problem that needs nothing stored to be found.</summary>
    private static RosterFile Read(WorkbookFile file, string fileName, DateOnly today)
    {
        var errors = new List<ImportError>();
        var sheet = file.Sheet(SheetName);
        if (sheet is null)
        {
            throw new ImportRejectedException([ImportError.OfFile(fileName, Messages.FileHasNoKnownSheet(SheetName))]);
        }
        var table = SheetTable.Open(sheet, Required, Optional, errors);
        var rows = table is null ? [] : ReadRows(table, errors, today);
        if (rows.Count > MaxRows)
        {
            throw new ImportRejectedException([ImportError.OfFile(fileName, Messages.RosterTooManyRows(rows.Count, MaxRows))]);
        }
        if (errors.Count == 0 && rows.Count == 0)
        {
            errors.Add(ImportError.OfFile(fileName, Messages.FileHasNoRows));
        }
        if (rows.Count == 0)
        {
            ThrowIf(errors);
        }
        // A row's cell problems are reported with the posting problems of the others (Plan throws both).
        return new RosterFile(rows, errors, file.ContentHash);
    }

    /// <summary>
    /// Writes the rows in one short transaction: what is stored is loaded again and every row judged
    /// again by the same rules (another office may have posted someone or created a village since the
    /// file was read), then the new townships, villages, assistants and postings are written in bulk,
    /// and the changes to stored assistants and terms saved as tracked changes. The trail records the
    /// import as one act with its counts, and each stored assistant or term it changed with the values
    /// before and after; what it created is the batch's (its file and content hash).
    /// </summary>
    private async Task<RosterImportSummary> WriteAsync(Caller caller, RosterFile roster, string fileName, TimeSpan readTime, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var waited = Stopwatch.StartNew();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var held = Stopwatch.StartNew();
        logger.LogInformation("Roster import of {File}: {Rows} rows read and checked in {ReadMs} ms; writing after waiting {WaitMs} ms for the write lock.",
            ImportBatch.NameOf(fileName), roster.Rows.Count, (long)readTime.TotalMilliseconds, (long)waited.Elapsed.TotalMilliseconds);
        var plan = Plan(roster, await StoredRoster.LoadAsync(db, ct));
        var rows = roster.Rows;

        await BulkEntryWriter.WriteAsync(db, plan.NewTownships, ct);
        var townshipIds = await db.Townships.AsNoTracking().Select(t => new { t.Id, t.Name }).ToDictionaryAsync(t => t.Name, t => t.Id, ct);
        foreach (var (township, village) in plan.NewVillages)
        {
            village.TownshipId = townshipIds[township];
        }
        await BulkEntryWriter.WriteAsync(db, plan.NewVillages.Select(v => v.Village).ToList(), ct);
        await BulkEntryWriter.WriteAsync(db, plan.NewAssistants, ct);
        var villageIds = (await db.Villages.AsNoTracking().Select(v => new { v.Id, v.TownshipId, v.Name }).ToListAsync(ct))
            .ToDictionary(v => (v.TownshipId, v.Name), v => v.Id);
        var newCodes = plan.NewAssistants.Select(a => a.Code).ToHashSet(StringComparer.Ordinal);
        var assistantIds = (await db.Assistants.AsNoTracking().Select(a => new { a.Id, a.Code }).ToListAsync(ct))
            .Where(a => newCodes.Contains(a.Code)).ToDictionary(a => a.Code, a => a.Id, StringComparer.Ordinal);
        await BulkEntryWriter.WriteAsync(db, plan.NewPostings.Select(p => new Posting
        {
            AssistantId = p.AssistantId ?? assistantIds[p.Code], VillageId = villageIds[(townshipIds[p.Township], p.Village)], StartDate = p.Start, PlannedEndDate = p.End,
        }).ToList(), ct);

        // Stored assistants and terms the file changes: tracked, so each is recorded with what it was.
        foreach (var (assistant, row) in plan.Changed)
        {
            db.Attach(assistant);
            row.ApplyTo(assistant);
        }
        db.Summarise(typeof(ImportBatch));
        var batch = new ImportBatch
        {
            Kind = ImportBatch.Roster, FileName = ImportBatch.NameOf(fileName), ContentHash = roster.ContentHash, ImportedBy = caller.UserName, ImportedAt = clock.GetUtcNow(), Rows = rows.Count,
        };
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync(ct);
        var summary = new RosterImportSummary(rows.Count, plan.NewAssistants.Count, rows.Count - plan.NewAssistants.Count, plan.NewTownships.Count, plan.NewVillages.Count, plan.NewPostings.Count);
        db.Record(AuditAction.Bulk, nameof(ImportBatch), batch.Id.ToString(CultureInfo.InvariantCulture),
            $"导入{ImportBatch.Roster} {batch.FileName}：{summary.Rows} 行，新增助理员 {summary.NewAssistants} 名、乡镇 {summary.NewTownships} 个、行政村 {summary.NewVillages} 个、派驻 {summary.NewPostings} 条，更改已有助理员 {plan.Changed.Count} 名",
            after: new { batch.FileName, batch.ContentHash, batch.Rows, summary.NewAssistants, summary.UpdatedAssistants, summary.NewTownships, summary.NewVillages, summary.NewPostings, Changed = plan.Changed.Count });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Imported {Rows} roster rows of {File} as batch {Batch}, holding the write lock {WriteMs} ms.",
            rows.Count, batch.FileName, batch.Id, (long)held.Elapsed.TotalMilliseconds);
        return summary;
    }

    /// <summary>The rows whose 编号, 姓名, 乡镇 and 驻村 could be read; the others' problems are in <paramref name="errors"/>.</summary>
    private static List<RosterRow> ReadRows(SheetTable table, List<ImportError> errors, DateOnly today)
    {
        var rows = new List<RosterRow>();
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in table.Rows())
        {
            var before = errors.Count;
            var code = row.Code("编号", FieldLimits.Code, required: true);
            if (code is not null && !codes.TryAdd(code, row.Number))
            {
                row.Error("编号", code, Messages.RepeatedInFile + $"（第 {codes[code]} 行）");
                code = null;
            }
            var name = Printable(row, "姓名", row.RequiredText("姓名", FieldLimits.Name));
            var township = Printable(row, "乡镇", row.RequiredText("乡镇", FieldLimits.Name));
            var village = Printable(row, "驻村", row.RequiredText("驻村", FieldLimits.Name));
            var gender = row.Choice("性别", Genders, required: false);
            var birth = row.Date("出生日期", required: false);
            if (birth is { } b && (b > today || b.Year < 1940))
            {
                row.Error("出生日期", b.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), b > today ? Messages.BirthDateInFuture : Messages.BirthDateTooEarly);
            }
            var start = row.Date("任期开始", required: false);
            var end = row.Date("任期结束", required: false);
            if (code is not null && name is not null && township is not null && village is not null)
            {
                rows.Add(new RosterRow(row.Number, code, name, township, village, gender, row.Text("民族", FieldLimits.Short), birth,
                    row.Text("政治面貌", FieldLimits.Short), row.Text("学历", FieldLimits.Short),
                    row.Text("派出单位及职务", FieldLimits.Text), start, end) { CellsRead = errors.Count == before });
            }
        }
        return rows;
    }

    /// <summary>
    /// Judges every row against what is stored (<paramref name="stored"/>), adding its problems to
    /// the file's own, and throws with all of them; otherwise says what the import creates and changes.
    /// </summary>
    private static RosterPlan Plan(RosterFile roster, StoredRoster stored)
    {
        var errors = roster.CellErrors.ToList();
        CheckPostings(roster.Rows, stored, errors);
        ThrowIf(errors);
        var plan = new RosterPlan();
        var newTownships = new HashSet<string>(StringComparer.Ordinal);
        var newVillages = new HashSet<(string, string)>();
        foreach (var r in roster.Rows)
        {
            if (!stored.Townships.ContainsKey(r.Township) && newTownships.Add(r.Township))
            {
                plan.NewTownships.Add(new Township { Name = r.Township, SortOrder = (stored.Townships.Count + newTownships.Count) * 10 });
            }
            if (!stored.Villages.ContainsKey((r.Township, r.Village)) && newVillages.Add((r.Township, r.Village)))
            {
                plan.NewVillages.Add((r.Township, new Village { Name = r.Village }));
            }
            var existing = stored.ByCode[r.Code].SingleOrDefault();
            var current = existing?.Postings.FirstOrDefault();
            if (existing is null)
            {
                var assistant = new Assistant { Code = r.Code, Name = r.Name };
                r.ApplyTo(assistant);
                plan.NewAssistants.Add(assistant);
            }
            else if (r.Changes(existing))
            {
                plan.Changed.Add((existing, r));
            }
            if (current is null)
            {
                var (start, end) = r.Term(null);
                plan.NewPostings.Add(new NewPosting(existing?.Id, r.Code, r.Township, r.Village, start, end));
            }
        }
        return plan;
    }

    /// <summary>
    /// Every row's posting under the rules the posting forms follow (<see cref="PostingRules"/>), with
    /// the facts taken from what was loaded for the whole file: a new term for an assistant not
    /// serving, changed dates for one who stays in the village.
    /// </summary>
    private static void CheckPostings(List<RosterRow> rows, StoredRoster stored, List<ImportError> errors)
    {
        var villagesInFile = new Dictionary<(string, string), int>();
        foreach (var r in rows)
        {
            var candidates = stored.ByCode[r.Code].ToList();
            if (candidates.Count > 1)
            {
                errors.Add(new ImportError(SheetName, r.Row, "编号", r.Code, Messages.CodeAmbiguous(r.Code, string.Join("、", candidates.Select(a => a.Name)))));
                continue;
            }
            if (!r.CellsRead)
            {
                continue;
            }
            if (villagesInFile.TryGetValue((r.Township, r.Village), out var otherRow))
            {
                errors.Add(new ImportError(SheetName, r.Row, "驻村", r.Village, Messages.RepeatedInFile + $"（第 {otherRow} 行）"));
                continue;
            }
            villagesInFile[(r.Township, r.Village)] = r.Row;
            var existing = candidates.SingleOrDefault();
            var village = stored.Villages.GetValueOrDefault((r.Township, r.Village));
            var current = existing?.Postings.FirstOrDefault();
            var previousTermsEnded = Later(village is null ? null : stored.VillageEnded.GetValueOrDefault(village.Id), existing is null ? null : stored.AssistantEnded.GetValueOrDefault(existing.Id));
            IReadOnlyList<FieldError> problems;
            if (current is not null && current.VillageId == village?.Id)
            {
                // The assistant stays: the row may change the term's dates.
                if (r.Start is null && r.End is null)
                {
                    continue;
                }
                var (start, end) = r.Term(current);
                problems = PostingRules.TermDates(start, end, previousTermsEnded);
            }
            else if (r.Start is null)
            {
                errors.Add(new ImportError(SheetName, r.Row, "任期开始", null, Messages.CellRequired("任期开始")));
                continue;
            }
            else
            {
                var (start, end) = r.Term(null);
                problems = PostingRules.NewTerm(new PostingFacts
                {
                    AssistantName = existing?.Name ?? r.Name, AssistantActive = existing?.IsActive ?? true,
                    VillageName = r.Village, VillageActive = village?.IsActive ?? true,
                    Start = start, PlannedEnd = end, PreviousTermsEnded = previousTermsEnded,
                    Occupant = village is null ? null : stored.Occupants.GetValueOrDefault(village.Id),
                    PostedElsewhere = current is null ? null : stored.VillageName(current.VillageId),
                });
            }
            errors.AddRange(problems.Select(p => new ImportError(SheetName, r.Row, s_postingColumns[p.Field], r.Value(s_postingColumns[p.Field]), p.Message)));
        }
    }

    private static DateOnly? Later(DateOnly? a, DateOnly? b) => a > b || b is null ? a : b;

    /// <summary>
    /// What rows are judged against, loaded once for the whole file without tracking: townships and
    /// villages by name, assistants by code with their current terms, who serves each village now
    /// and the last day of each village's and assistant's ended terms.
    /// </summary>
    private sealed class StoredRoster
    {
        private Dictionary<int, string> _villageNames = [];

        public Dictionary<string, Township> Townships { get; private init; } = [];
        public Dictionary<(string Township, string Village), Village> Villages { get; private init; } = [];
        /// <summary>Keyed as a row's 编号 is read, so a code stored before codes were normalised is found too; a code two stored codes normalise to names neither until one is corrected.</summary>
        public ILookup<string, Assistant> ByCode { get; private init; } = default!;
        public IReadOnlyDictionary<int, string> Occupants { get; private init; } = default!;
        public IReadOnlyDictionary<int, DateOnly?> VillageEnded { get; private init; } = default!;
        public IReadOnlyDictionary<int, DateOnly?> AssistantEnded { get; private init; } = default!;

        public string VillageName(int villageId) => _villageNames[villageId];

        public static async Task<StoredRoster> LoadAsync(AppraisalDbContext db, CancellationToken ct)
        {
            var townships = await db.Townships.AsNoTracking().Include(t => t.Villages).ToDictionaryAsync(t => t.Name, ct);
            var assistants = await db.Assistants.AsNoTracking().Include(a => a.Postings.Where(p => p.EndedOn == null)).ToListAsync(ct);
            var occupants = await db.Postings.AsNoTracking().Where(p => p.EndedOn == null)
                .Select(p => new { p.VillageId, p.Assistant!.Name }).ToDictionaryAsync(p => p.VillageId, p => p.Name, ct);
            var ended = await db.Postings.AsNoTracking().Where(p => p.EndedOn != null)
                .Select(p => new { p.VillageId, p.AssistantId, EndedOn = p.EndedOn!.Value }).ToListAsync(ct);
            var villages = townships.Values.SelectMany(t => t.Villages.Select(v => (Township: t, Village: v))).ToList();
            return new StoredRoster
            {
                Townships = townships,
                // Villages by township and name: a roster of 60 000 rows looks each up once, not through a list.
                Villages = villages.GroupBy(x => (x.Township.Name, x.Village.Name)).ToDictionary(g => g.Key, g => g.First().Village),
                _villageNames = villages.ToDictionary(x => x.Village.Id, x => x.Township.Name + x.Village.Name),
                ByCode = AssistantCodes.Index(assistants, a => a.Code),
                Occupants = occupants,
                VillageEnded = ended.GroupBy(p => p.VillageId).ToDictionary(g => g.Key, g => (DateOnly?)g.Max(p => p.EndedOn)),
                AssistantEnded = ended.GroupBy(p => p.AssistantId).ToDictionary(g => g.Key, g => (DateOnly?)g.Max(p => p.EndedOn)),
            };
        }
    }

    /// <summary>The file's rows, the problems found in their cells, and its content hash.</summary>
    private sealed record RosterFile(List<RosterRow> Rows, IReadOnlyList<ImportError> CellErrors, string ContentHash);

    /// <summary>A term to create: for a stored assistant (its id) or a new one (found by its code once written).</summary>
    private sealed record NewPosting(int? AssistantId, string Code, string Township, string Village, DateOnly Start, DateOnly End);

    /// <summary>What an import creates (written in bulk) and the stored assistants whose fields or current term it changes.</summary>
    private sealed class RosterPlan
    {
        public List<Township> NewTownships { get; } = [];
        public List<(string Township, Village Village)> NewVillages { get; } = [];
        public List<Assistant> NewAssistants { get; } = [];
        public List<NewPosting> NewPostings { get; } = [];
        public List<(Assistant Assistant, RosterRow Row)> Changed { get; } = [];
    }

    /// <summary>Text printed on report cards must be in the card's font (a missing character would print as 〓); null with an error otherwise.</summary>
    private static string? Printable(SheetRow row, string column, string? value)
    {
        if (Pdf.PdfFonts.Coverage.FirstMissing(value) is { } missing)
        {
            row.Error(column, value!, Messages.NotPrintable(column, missing));
            return null;
        }
        return value;
    }

    private static void ThrowIf(List<ImportError> errors)
    {
        if (errors.Count > 0)
        {
            throw new ImportRejectedException(errors);
        }
    }

    private sealed record RosterRow(
        int Row, string Code, string Name, string Township, string Village, Gender? Gender, string? Ethnicity, DateOnly? BirthDate,
        string? PoliticalStatus, string? Education, string? SendingUnit, DateOnly? Start, DateOnly? End)
    {
        /// <summary>Every cell was read without a problem (a row with one is judged once it is corrected).</summary>
        public bool CellsRead { get; init; }

        /// <summary>
        /// The term the row gives: its dates, the current term's where it gives none; a new start
        /// without an end is planned for the default length (a new term needs a start).
        /// </summary>
        public (DateOnly Start, DateOnly PlannedEnd) Term(Posting? current) =>
            (Start ?? current!.StartDate, End ?? (Start is { } start ? Posting.DefaultPlannedEnd(start) : current!.PlannedEndDate));

        /// <summary>Whether the row changes a stored assistant's fields or current term (an empty optional cell keeps what is stored).</summary>
        public bool Changes(Assistant a) =>
            Name != a.Name || (Gender is not null && Gender != a.Gender) || (Ethnicity is not null && Ethnicity != a.Ethnicity)
            || (BirthDate is not null && BirthDate != a.BirthDate) || (PoliticalStatus is not null && PoliticalStatus != a.PoliticalStatus)
            || (Education is not null && Education != a.Education) || (SendingUnit is not null && SendingUnit != a.SendingUnitAndPost)
            || (a.Postings.FirstOrDefault() is { } current && Term(current) != (current.StartDate, current.PlannedEndDate));

        /// <summary>Sets the assistant's fields from the row (an empty optional cell keeps what is there) and its current term's dates.</summary>
        public void ApplyTo(Assistant a)
        {
            a.Name = Name;
            a.Gender = Gender ?? a.Gender;
            a.Ethnicity = Ethnicity ?? a.Ethnicity;
            a.BirthDate = BirthDate ?? a.BirthDate;
            a.PoliticalStatus = PoliticalStatus ?? a.PoliticalStatus;
            a.Education = Education ?? a.Education;
            a.SendingUnitAndPost = SendingUnit ?? a.SendingUnitAndPost;
            if (a.Postings.FirstOrDefault() is { } current)
            {
                (current.StartDate, current.PlannedEndDate) = Term(current);
            }
        }

        /// <summary>The cell a posting rule's field is in, as an error quotes it.</summary>
        public string? Value(string column) => column switch
        {
            "驻村" => Village,
            "任期开始" => Start?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "任期结束" => End?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => null,
        };
    }
}
