using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Domain.Results;
using Longan.Appraisal.Core.Features.Imports;
using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Resources;
using Longan.Appraisal.Core.Scoring;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Cards;

/// <summary>
/// What the cards of one result version need, read once — one query per table, not per card — so a
/// county's batch costs about what one card does; then <see cref="Build"/> assembles each card.
/// </summary>
internal sealed class CardSource
{
    private readonly AppraisalCycle _cycle;
    private readonly ResultVersion _version;
    private readonly Dictionary<int, Assistant> _assistants;
    private readonly Dictionary<int, (DateOnly Start, DateOnly End)> _terms;
    private readonly ResultContext _context;
    private readonly decimal?[] _dutyAverages;
    private readonly ILookup<int, decimal[]> _duties;
    private readonly ILookup<int, string> _partyComments;
    private readonly ILookup<int, CardMonth> _shortMonths;
    private readonly Dictionary<int, int> _monthsRecorded;
    private readonly ILookup<int, CardRecord> _records;
    private readonly ILookup<int, string> _villagerComments;
    private readonly ILookup<int, string> _cadreComments;
    private readonly ILookup<int, CardTrend> _trend;
    private readonly Dictionary<int, (int Villagers, int Cadres)> _phoneBallots;

    private CardSource(AppraisalCycle cycle, ResultVersion version, Dictionary<int, Assistant> assistants, Dictionary<int, (DateOnly, DateOnly)> terms,
        ResultContext context, decimal?[] dutyAverages,
        ILookup<int, decimal[]> duties, ILookup<int, string> partyComments, ILookup<int, CardMonth> shortMonths, Dictionary<int, int> monthsRecorded, ILookup<int, CardRecord> records,
        ILookup<int, string> villagerComments, ILookup<int, string> cadreComments, ILookup<int, CardTrend> trend, Dictionary<int, (int, int)> phoneBallots)
    {
        _phoneBallots = phoneBallots;
        (_cycle, _version, _assistants, _terms) = (cycle, version, assistants, terms);
        (_context, _dutyAverages) = (context, dutyAverages);
        (_duties, _partyComments, _shortMonths, _monthsRecorded, _records) = (duties, partyComments, shortMonths, monthsRecorded, records);
        (_villagerComments, _cadreComments, _trend) = (villagerComments, cadreComments, trend);
    }

    public static readonly string[] DutyNames = ["政策宣讲员", "民意信息员", "民事代办员", "纠纷调解员", "党建指导员"];

    /// <param name="only">The assistants whose cards are wanted; null for every assistant of the version.</param>
    /// <param name="context">The version's result context when the caller has already read it (a batch has); else read here.</param>
    public static async Task<CardSource> LoadAsync(AppraisalDbContext db, int cycleId, int versionNumber, IReadOnlyCollection<int>? only, CancellationToken ct,
        ResultContext? context = null)
    {
        var cycle = await db.Cycles.AsNoTracking().SingleAsync(c => c.Id == cycleId, ct);
        var version = await db.ResultVersions.AsNoTracking().SingleAsync(v => v.CycleId == cycleId && v.Number == versionNumber, ct);
        var ids = only?.ToList();
        var wanted = ids?.ToHashSet();
        bool Wanted(int id) => wanted is null || wanted.Contains(id);

        // The whole county's figures only when the context must be built here; else the wanted assistants' villages.
        var storedRows = db.StoredResults.AsNoTracking().Where(r => r.ResultVersionId == version.Id);
        var stored = await (context is null || ids is null ? storedRows : storedRows.Where(r => ids.Contains(r.AssistantId)))
            .Select(r => new { r.AssistantId, r.TownshipId, r.VillageId, r.Composite, r.VillagerScore, r.PartyScore, r.CadreScore }).ToListAsync(ct);
        context ??= ResultContext.Of(cycle.Rules, stored.Select(r => new ResultContext.Figures(r.TownshipId, r.Composite, r.VillagerScore, r.PartyScore, r.CadreScore)).ToList());

        var assistants = await (ids is null ? db.Assistants : db.Assistants.Where(a => ids.Contains(a.Id))).AsNoTracking().ToDictionaryAsync(a => a.Id, ct);
        var villages = stored.Where(r => Wanted(r.AssistantId)).ToDictionary(r => r.AssistantId, r => r.VillageId);
        var yearEnd = new DateOnly(cycle.Year, 12, 31);
        var postings = await (ids is null ? db.Postings : db.Postings.Where(p => ids.Contains(p.AssistantId))).AsNoTracking()
            .Where(p => p.StartDate <= yearEnd).Select(p => new { p.AssistantId, p.VillageId, p.StartDate, p.PlannedEndDate, p.EndedOn }).ToListAsync(ct);
        var terms = postings.Where(p => villages.GetValueOrDefault(p.AssistantId) == p.VillageId)
            .GroupBy(p => p.AssistantId)
            .ToDictionary(g => g.Key, g => g.MaxBy(p => p.StartDate)!)
            .ToDictionary(p => p.Key, p => (p.Value.StartDate, p.Value.EndedOn ?? p.Value.PlannedEndDate));

        // The county averages are the version's (stored when it was made); the ballots read are only the wanted assistants'.
        var dutyAverages = await CountyAverages.ForVersionAsync(db, cycleId, version.CountyAverages, ct);
        var duties = (await Only(db.PartyBallots.AsNoTracking().Where(b => b.CycleId == cycleId), ids)
            .Select(b => new { b.AssistantId, b.PolicyAdvocate, b.PublicOpinion, b.CivilAgent, b.DisputeMediator, b.PartyBuildingGuide }).ToListAsync(ct))
            .Select(b => (b.AssistantId, Duties: new[] { b.PolicyAdvocate, b.PublicOpinion, b.CivilAgent, b.DisputeMediator, b.PartyBuildingGuide })).ToList();
        var partyComments = await Only(db.PartyBallots.AsNoTracking().Where(b => b.CycleId == cycleId && b.Comment != null), ids).Select(b => new { b.AssistantId, b.Comment }).ToListAsync(ct);

        var min = cycle.Rules.AttendanceMinDays;
        var attendance = Only(db.AttendanceMonths.AsNoTracking().Where(m => m.CycleId == cycleId), ids);
        var recorded = await attendance.GroupBy(m => m.AssistantId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var months = await attendance.Where(m => m.Days < min).Select(m => new { m.AssistantId, m.Month, m.Days }).ToListAsync(ct);
        var records = await Only(db.SupervisionRecords.AsNoTracking().Where(r => r.CycleId == cycleId && r.Verification == Verification.Confirmed), ids)
            .OrderBy(r => r.Date).ThenBy(r => r.Id).Select(r => new { r.AssistantId, r.Date, r.Nature, r.Category, r.Description }).ToListAsync(ct);
        var villagerComments = await Only(db.VillagerTallies.AsNoTracking().Where(t => t.CycleId == cycleId && t.Comment != null), ids).Select(t => new { t.AssistantId, t.Comment }).ToListAsync(ct);
        // Phone sessions' villagers write one comment each; they count with the typed tallies' comments.
        villagerComments.AddRange(await (from t in Only(db.VillagerTallies.AsNoTracking().Where(t => t.CycleId == cycleId && t.BallotSessionId != null), ids)
                                         join c in db.Set<TallyComment>().AsNoTracking() on t.Id equals c.TallyId
                                         select new { t.AssistantId, Comment = (string?)c.Text }).ToListAsync(ct));
        var cadreComments = await Only(db.CadreBallots.AsNoTracking().Where(b => b.CycleId == cycleId && b.Comment != null), ids).Select(b => new { b.AssistantId, b.Comment }).ToListAsync(ct);

        return new CardSource(cycle, version, assistants, terms,
            context,
            dutyAverages,
            duties.ToLookup(d => d.AssistantId, d => d.Duties),
            partyComments.ToLookup(b => b.AssistantId, b => b.Comment!),
            months.OrderBy(m => m.Month).ToLookup(m => m.AssistantId, m => new CardMonth(m.Month.Month, m.Days)),
            recorded,
            records.ToLookup(r => r.AssistantId, r => new CardRecord(r.Date, BallotWorkbook.Word(BallotWorkbook.Natures, r.Nature), BallotWorkbook.Word(BallotWorkbook.Categories, r.Category), r.Description)),
            villagerComments.ToLookup(c => c.AssistantId, c => c.Comment!),
            cadreComments.ToLookup(c => c.AssistantId, c => c.Comment!),
            await TrendAsync(db, cycle.Year, ids, ct),
            await PhoneBallotsAsync(db, version.Id, ids, ct));
    }

    /// <summary>
    /// The phone votes the computation named among each group's (spec §11), from the version's stored
    /// steps: a batch reads its rows without their steps, so they are read here — only the rows whose
    /// steps name a source at all (the engine adds those steps only when there were phone votes).
    /// </summary>
    private static async Task<Dictionary<int, (int, int)>> PhoneBallotsAsync(AppraisalDbContext db, int versionId, List<int>? ids, CancellationToken ct)
    {
        var stored = db.StoredResults.AsNoTracking().Where(r => r.ResultVersionId == versionId && r.Steps.Contains("Sources\""));
        var steps = await (ids is null ? stored : stored.Where(r => ids.Contains(r.AssistantId))).Select(r => new { r.AssistantId, r.Steps }).ToListAsync(ct);
        return steps.ToDictionary(r => r.AssistantId, r =>
        {
            var explanation = ExplanationCodec.Read(r.Steps);
            int Phone(string sources) => explanation.FirstOrDefault(s => s.Key == sources)?.Args[1] is int n ? n : 0;
            return (Phone("VillagersSources"), Phone("CadresSources"));
        });
    }

    /// <summary>The entries of the wanted assistants only (all when <paramref name="ids"/> is null).</summary>
    private static IQueryable<T> Only<T>(IQueryable<T> entries, List<int>? ids) where T : Entry =>
        ids is null ? entries : entries.Where(e => ids.Contains(e.AssistantId));

    public int VersionNumber => _version.Number;

    public ReportCard Build(ResultRow row)
    {
        var id = row.AssistantId;
        var assistant = _assistants[id];
        var term = _terms.TryGetValue(id, out var t) ? t : (new DateOnly(_cycle.Year, 1, 1), new DateOnly(_cycle.Year, 12, 31));
        var (_, vWeight, pWeight, cWeight) = ScoringEngine.Weights(_cycle.Rules, row.Villagers is not null, row.Party is not null, row.Cadres is not null);
        static CardGroup Group(string name, int count, decimal? score, decimal weight) =>
            new(name, count, score, weight, score is { } s && weight > 0 ? weight * s / 100 : null);
        // The computation named the phone votes among each group's (spec §11); the card says so beside the count.
        var phone = _phoneBallots.GetValueOrDefault(id);
        var own = _duties[id].ToList();
        return new ReportCard(
            _cycle.Id, _cycle.Year,
            new CardIdentity(assistant.Code, assistant.Name, assistant.Gender is { } gender ? ContractNames.Of(gender) : null, assistant.Ethnicity, assistant.BirthDate, assistant.PoliticalStatus,
                assistant.SendingUnitAndPost, row.Township, row.Village, term.Item1, term.Item2),
            row,
            _context,
            [
                Group("群众评议", row.VillagerVotes, row.Villagers, vWeight) with { PhoneBallots = phone.Villagers },
                Group("基层党组织评议", row.PartyBallots, row.Party, pWeight),
                Group("党员干部评议", row.CadreBallots, row.Cadres, cWeight) with { PhoneBallots = phone.Cadres },
            ],
            [.. _shortMonths[id]],
            _monthsRecorded.GetValueOrDefault(id),
            _cycle.Rules.AttendanceMinDays,
            DutyNames.Select((name, i) => new CardBar(name, own.Count == 0 ? null : own.Average(d => d[i]), _dutyAverages[i])).ToList(),
            [
                new CardBar("群众评议", row.Villagers, _context.VillagersAverage),
                new CardBar("基层党组织评议", row.Party, _context.PartyAverage),
                new CardBar("党员干部评议", row.Cadres, _context.CadresAverage),
            ],
            [.. _records[id]],
            new CardComments(
                row.VillagerVotes >= Anonymity.MinBallots ? Ordered(_villagerComments[id]) : null,
                Ordered(_partyComments[id]),
                row.CadreBallots >= Anonymity.MinBallots ? Ordered(_cadreComments[id]) : null),
            [.. _trend[id]],
            _version.Number,
            _version.PublishedAt,
            ReportCardService.VerificationCode(_cycle.Id, _version.Number, _version.Fingerprint, row));
    }

    /// <summary>Comments in the order of their text: stable, and unrelated to when or by whom they were entered.</summary>
    private static List<string> Ordered(IEnumerable<string> comments) =>
        comments.Select(c => c.Trim()).Where(c => c.Length > 0).Order(StringComparer.Ordinal).ToList();

    /// <summary>Each assistant's results in earlier cycles, from the version each published last.</summary>
    private static async Task<ILookup<int, CardTrend>> TrendAsync(AppraisalDbContext db, int year, List<int>? ids, CancellationToken ct)
    {
        var published = (await db.ResultVersions.AsNoTracking()
                .Where(v => v.PublishedAt != null)
                .Join(db.Cycles.Where(c => c.Year < year), v => v.CycleId, c => c.Id, (v, c) => new { v.Id, v.CycleId, v.Number, c.Year })
                .ToListAsync(ct))
            .GroupBy(v => v.CycleId).Select(g => g.MaxBy(v => v.Number)!).ToDictionary(v => v.Id, v => v.Year);
        var versionIds = published.Keys.ToList();
        var rows = await db.StoredResults.AsNoTracking().Where(r => versionIds.Contains(r.ResultVersionId))
            .Where(r => ids == null || ids.Contains(r.AssistantId))
            .Select(r => new { r.AssistantId, r.ResultVersionId, r.Composite, r.Grade }).ToListAsync(ct);
        return rows.OrderBy(r => published[r.ResultVersionId]).ToLookup(r => r.AssistantId, r => new CardTrend(published[r.ResultVersionId], r.Composite,
            Names.Grade((AppraisalGrade?)r.Grade)));
    }
}
