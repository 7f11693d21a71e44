using System.Globalization;
using Longan.Appraisal.Core.Domain;
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
/// </summary>
public sealed class RosterImportService(IDbContextFactory<AppraisalDbContext> dbFactory, TimeProvider clock, ILogger<RosterImportService> logger)
{
    public const string SheetName = "助理员名册";

    /// <summary>
    /// Assistants one roster may bring: more than the administrative villages of any province. Every
    /// assistant, village and posting it creates is recorded in the audit trail one by one, so a
    /// roster of 60 000 takes about 40 s and 1.3 GB; 200 000 would take minutes and gigabytes.
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
        using var file = WorkbookFile.Open(content, fileName);
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var errors = new List<ImportError>();
        var sheet = file.Sheet(SheetName);
        if (sheet is null)
        {
            throw new ImportRejectedException([ImportError.OfFile(fileName, Messages.FileHasNoKnownSheet(SheetName))]);
        }
        var table = SheetTable.Open(sheet, Required, Optional, errors);
        var rows = table is null ? [] : ReadRows(table, errors, CountyCalendar.Today(clock));
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

        var townships = await db.Townships.Include(t => t.Villages).ToDictionaryAsync(t => t.Name, ct);
        // Villages by township and name: a roster of 200 000 rows looks each up once, not through a list.
        var villages = townships.Values.SelectMany(t => t.Villages.Select(v => (Key: (t.Name, v.Name), Village: v)))
            .GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.First().Village);
        // Keyed as a row's 编号 is read, so a code stored before codes were normalised is found too;
        // a code two stored codes normalise to names neither until one is corrected.
        var byCode = AssistantCodes.Index(await db.Assistants.Include(a => a.Postings.Where(p => p.EndedOn == null)).ThenInclude(p => p.Village).ThenInclude(v => v!.Township).ToListAsync(ct), a => a.Code);
        var assistants = byCode.ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        CheckPostings(rows, villages, byCode, await PostingFactsAsync(db, ct), errors);
        ThrowIf(errors);

        var now = clock.GetUtcNow();
        int newAssistants = 0, updated = 0, newTownships = 0, newVillages = 0, newPostings = 0;
        foreach (var r in rows)
        {
            if (!townships.TryGetValue(r.Township, out var township))
            {
                township = new Township { Name = r.Township, SortOrder = (townships.Count + 1) * 10 };
                db.Townships.Add(township);
                townships[r.Township] = township;
                newTownships++;
            }
            if (!villages.TryGetValue((r.Township, r.Village), out var village))
            {
                village = new Village { Name = r.Village };
                township.Villages.Add(village);
                villages[(r.Township, r.Village)] = village;
                newVillages++;
            }
            if (!assistants.TryGetValue(r.Code, out var assistant))
            {
                assistant = new Assistant { Code = r.Code, Name = r.Name };
                db.Assistants.Add(assistant);
                assistants[r.Code] = assistant;
                newAssistants++;
            }
            else
            {
                updated++;
            }
            assistant.Name = r.Name;
            assistant.Gender = r.Gender ?? assistant.Gender;
            assistant.Ethnicity = r.Ethnicity ?? assistant.Ethnicity;
            assistant.BirthDate = r.BirthDate ?? assistant.BirthDate;
            assistant.PoliticalStatus = r.PoliticalStatus ?? assistant.PoliticalStatus;
            assistant.Education = r.Education ?? assistant.Education;
            assistant.SendingUnitAndPost = r.SendingUnit ?? assistant.SendingUnitAndPost;
            var current = assistant.Postings.FirstOrDefault(p => p.EndedOn == null);
            var (start, end) = r.Term(current);
            if (current is not null)
            {
                (current.StartDate, current.PlannedEndDate) = (start, end);
            }
            else
            {
                assistant.Postings.Add(new Posting { Village = village, StartDate = start, PlannedEndDate = end });
                newPostings++;
            }
        }
        db.ImportBatches.Add(new ImportBatch
        {
            Kind = ImportBatch.Roster, FileName = ImportBatch.NameOf(fileName), ContentHash = file.ContentHash, ImportedBy = caller.UserName, ImportedAt = now, Rows = rows.Count,
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new RosterImportSummary(rows.Count, newAssistants, updated, newTownships, newVillages, newPostings);
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
    /// Every row's posting under the rules the posting forms follow (<see cref="PostingRules"/>), with
    /// the facts taken from what was loaded for the whole file: a new term for an assistant not
    /// serving, changed dates for one who stays in the village. Checked before anything changes.
    /// </summary>
    private static void CheckPostings(
        List<RosterRow> rows, IReadOnlyDictionary<(string, string), Village> villages, ILookup<string, Assistant> byCode, StoredPostings stored, List<ImportError> errors)
    {
        var villagesInFile = new Dictionary<(string, string), int>();
        foreach (var r in rows)
        {
            var candidates = byCode[r.Code].ToList();
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
            var village = villages.GetValueOrDefault((r.Township, r.Village));
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
                    PostedElsewhere = current is null ? null : current.Village!.Township!.Name + current.Village.Name,
                });
            }
            errors.AddRange(problems.Select(p => new ImportError(SheetName, r.Row, s_postingColumns[p.Field], r.Value(s_postingColumns[p.Field]), p.Message)));
        }
    }

    private static DateOnly? Later(DateOnly? a, DateOnly? b) => a > b || b is null ? a : b;

    /// <summary>Who serves each village now and the last day of each village's and assistant's ended terms, loaded once for the whole file.</summary>
    private static async Task<StoredPostings> PostingFactsAsync(AppraisalDbContext db, CancellationToken ct)
    {
        var occupants = await db.Postings.AsNoTracking().Where(p => p.EndedOn == null)
            .Select(p => new { p.VillageId, p.Assistant!.Name }).ToDictionaryAsync(p => p.VillageId, p => p.Name, ct);
        var ended = await db.Postings.AsNoTracking().Where(p => p.EndedOn != null)
            .Select(p => new { p.VillageId, p.AssistantId, EndedOn = p.EndedOn!.Value }).ToListAsync(ct);
        return new StoredPostings(
            occupants,
            ended.GroupBy(p => p.VillageId).ToDictionary(g => g.Key, g => (DateOnly?)g.Max(p => p.EndedOn)),
            ended.GroupBy(p => p.AssistantId).ToDictionary(g => g.Key, g => (DateOnly?)g.Max(p => p.EndedOn)));
    }

    private sealed record StoredPostings(
        IReadOnlyDictionary<int, string> Occupants, IReadOnlyDictionary<int, DateOnly?> VillageEnded, IReadOnlyDictionary<int, DateOnly?> AssistantEnded);

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
