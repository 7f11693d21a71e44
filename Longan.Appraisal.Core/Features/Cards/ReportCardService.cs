using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Resources;
using Longan.Appraisal.Core.Scoring;
using Longan.Appraisal.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Cards;

/// <summary>
/// Gathers a report card's content (spec report-card.md) with the same scope as the results: the
/// county any assistant, a township its own, an assistant only their own and only once published;
/// and applies the feedback rules of spec §9 (k = 5 for anonymous comments, no supervisor names,
/// comments in an order unrelated to entry order).
/// </summary>
public sealed class ReportCardService(IDbContextFactory<AppraisalDbContext> dbFactory, ResultQueryService results, TimeProvider clock)
{
    /// <summary>The card as a PDF, in Chinese whatever the reader's UI language (it is a county document).</summary>
    public async Task<byte[]> RenderAsync(Caller caller, int cycleId, int assistantId, CancellationToken ct = default)
    {
        var uiCulture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        try
        {
            return ReportCardRenderer.Render(await GetAsync(caller, cycleId, assistantId, ct), clock.GetUtcNow());
        }
        finally
        {
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }

    public async Task<ReportCard> GetAsync(Caller caller, int cycleId, int assistantId, CancellationToken ct = default)
    {
        ResultRow row;
        int versionNumber;
        if (caller.Role == AppRole.Assistant)
        {
            if (caller.AssistantId != assistantId)
            {
                throw new AccessDeniedException(Messages.NoAccessToAssistant);
            }
            var mine = (await results.PublishedForSelfAsync(caller, ct)).FirstOrDefault(p => p.CycleId == cycleId)
                ?? throw new NotFoundException(Messages.CardNotPublished);
            (row, versionNumber) = (mine.Row, mine.VersionNumber);
        }
        else
        {
            // The results' own scope: the county all, a township its own assistants, nobody else.
            var set = await results.ReadAsync(caller, cycleId, assistantId, ct: ct) ?? throw new NotFoundException(Messages.CardNoResult);
            (row, versionNumber) = (set.Rows.SingleOrDefault() ?? throw new NotFoundException(Messages.CardNoResult), set.VersionNumber);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await BuildAsync(db, cycleId, versionNumber, row, ct);
    }

    private static async Task<ReportCard> BuildAsync(AppraisalDbContext db, int cycleId, int versionNumber, ResultRow row, CancellationToken ct)
    {
        var cycle = await db.Cycles.AsNoTracking().SingleAsync(c => c.Id == cycleId, ct);
        var version = await db.ResultVersions.AsNoTracking().SingleAsync(v => v.CycleId == cycleId && v.Number == versionNumber, ct);
        var id = row.AssistantId;
        var assistant = await db.Assistants.AsNoTracking().SingleAsync(a => a.Id == id, ct);
        var yearEnd = new DateOnly(cycle.Year, 12, 31);
        var villageId = await db.StoredResults.Where(r => r.ResultVersionId == version.Id && r.AssistantId == id).Select(r => r.VillageId).SingleAsync(ct);
        var posting = await db.Postings.AsNoTracking()
            .Where(p => p.AssistantId == id && p.VillageId == villageId && p.StartDate <= yearEnd)
            .OrderByDescending(p => p.StartDate).FirstOrDefaultAsync(ct);

        var complete = await db.StoredResults.AsNoTracking().Where(r => r.ResultVersionId == version.Id && r.Composite != null)
            .Select(r => new { r.TownshipId, r.VillagerScore, r.PartyScore, r.CadreScore }).ToListAsync(ct);
        var ballots = await db.PartyBallots.AsNoTracking().Where(b => b.CycleId == cycleId)
            .Select(b => new { b.AssistantId, b.PolicyAdvocate, b.PublicOpinion, b.CivilAgent, b.DisputeMediator, b.PartyBuildingGuide, b.Comment }).ToListAsync(ct);
        var own = ballots.Where(b => b.AssistantId == id).ToList();
        CardBar Duty(string label, Func<decimal, decimal, decimal, decimal, decimal, decimal> pick) => new(label,
            own.Count == 0 ? null : own.Average(b => pick(b.PolicyAdvocate, b.PublicOpinion, b.CivilAgent, b.DisputeMediator, b.PartyBuildingGuide)),
            ballots.Count == 0 ? null : ballots.Average(b => pick(b.PolicyAdvocate, b.PublicOpinion, b.CivilAgent, b.DisputeMediator, b.PartyBuildingGuide)));
        static decimal? Average(IEnumerable<decimal?> values) => values.Where(v => v is not null).DefaultIfEmpty().Average();

        var (_, vWeight, pWeight, cWeight) = ScoringEngine.Weights(cycle.Rules, row.Villagers is not null, row.Party is not null, row.Cadres is not null);
        CardGroup Group(string name, int count, decimal? score, decimal weight) =>
            new(name, count, score, weight, score is { } s && weight > 0 ? weight * s / 100 : null);

        var months = await db.AttendanceMonths.AsNoTracking().Where(m => m.CycleId == cycleId && m.AssistantId == id && m.Days < cycle.Rules.AttendanceMinDays)
            .Select(m => new { m.Month, m.Days }).ToListAsync(ct);
        var records = await db.SupervisionRecords.AsNoTracking().Where(r => r.CycleId == cycleId && r.AssistantId == id && r.Verification == Verification.Confirmed)
            .OrderBy(r => r.Date).Select(r => new { r.Date, r.Nature, r.Category, r.Description }).ToListAsync(ct);
        var villagerComments = await db.VillagerTallies.AsNoTracking().Where(t => t.CycleId == cycleId && t.AssistantId == id && t.Comment != null).Select(t => t.Comment!).ToListAsync(ct);
        var cadreComments = await db.CadreBallots.AsNoTracking().Where(b => b.CycleId == cycleId && b.AssistantId == id && b.Comment != null).Select(b => b.Comment!).ToListAsync(ct);

        return new ReportCard(
            cycleId, cycle.Year,
            new CardIdentity(assistant.Code, assistant.Name, CardWords.Gender(assistant.Gender), assistant.Ethnicity, assistant.BirthDate, assistant.PoliticalStatus,
                assistant.SendingUnitAndPost, row.Township, row.Village,
                posting?.StartDate ?? new DateOnly(cycle.Year, 1, 1), posting?.EndedOn ?? posting?.PlannedEndDate ?? yearEnd),
            row,
            complete.Count,
            complete.Count(r => r.TownshipId == row.TownshipId),
            [
                Group("群众评议", row.VillagerVotes, row.Villagers, vWeight),
                Group("基层党组织评议", row.PartyBallots, row.Party, pWeight),
                Group("党员干部评议", row.CadreBallots, row.Cadres, cWeight),
            ],
            months.OrderBy(m => m.Month).Select(m => new CardMonth(m.Month.Month, m.Days)).ToList(),
            [
                Duty("政策宣讲员", (a, _, _, _, _) => a), Duty("民意信息员", (_, b, _, _, _) => b), Duty("民事代办员", (_, _, c, _, _) => c),
                Duty("纠纷调解员", (_, _, _, d, _) => d), Duty("党建指导员", (_, _, _, _, e) => e),
            ],
            [
                new CardBar("群众评议", row.Villagers, Average(complete.Select(r => r.VillagerScore))),
                new CardBar("基层党组织评议", row.Party, Average(complete.Select(r => r.PartyScore))),
                new CardBar("党员干部评议", row.Cadres, Average(complete.Select(r => r.CadreScore))),
            ],
            records.Select(r => new CardRecord(r.Date, CardWords.Nature(r.Nature), CardWords.Category(r.Category), r.Description)).ToList(),
            new CardComments(
                row.VillagerVotes >= Anonymity.MinBallots ? Shuffled(villagerComments) : null,
                Shuffled(own.Where(b => b.Comment != null).Select(b => b.Comment!)),
                row.CadreBallots >= Anonymity.MinBallots ? Shuffled(cadreComments) : null),
            await TrendAsync(db, id, cycle.Year, ct),
            version.Number,
            version.PublishedAt,
            VerificationCode(cycleId, version.Number, version.Fingerprint, row));
    }

    /// <summary>Comments in the order of their text: stable, and unrelated to when or by whom they were entered.</summary>
    private static List<string> Shuffled(IEnumerable<string> comments) =>
        comments.Select(c => c.Trim()).Where(c => c.Length > 0).Order(StringComparer.Ordinal).ToList();

    /// <summary>The assistant's results in earlier cycles, from the version each published last.</summary>
    private static async Task<List<CardTrend>> TrendAsync(AppraisalDbContext db, int assistantId, int year, CancellationToken ct)
    {
        var published = (await db.ResultVersions.AsNoTracking()
                .Where(v => v.PublishedAt != null && db.Cycles.Any(c => c.Id == v.CycleId && c.Year < year))
                .Select(v => new { v.Id, v.CycleId, v.Number, Year = db.Cycles.Where(c => c.Id == v.CycleId).Select(c => c.Year).First() })
                .ToListAsync(ct))
            .GroupBy(v => v.CycleId).Select(g => g.MaxBy(v => v.Number)!).ToDictionary(v => v.Id, v => v.Year);
        var versionIds = published.Keys.ToList();
        var earlier = (await db.StoredResults.AsNoTracking().Where(r => r.AssistantId == assistantId && versionIds.Contains(r.ResultVersionId))
                .Select(r => new { r.ResultVersionId, r.Composite, r.Grade }).ToListAsync(ct))
            .Select(r => new { Year = published[r.ResultVersionId], r.Composite, r.Grade });
        return earlier.OrderBy(e => e.Year)
            .Select(e => new CardTrend(e.Year, e.Composite, e.Grade is { } g ? Messages.Get("Grade." + (AppraisalGrade)g) : Messages.Get("Grade.Insufficient")))
            .ToList();
    }

    /// <summary>
    /// A short code printed on the card: the first 12 hex digits of SHA-256 over the cycle, the result
    /// version and its fingerprint, and this assistant's result — a printed card can be checked
    /// against the system, and any change to the result changes the code.
    /// </summary>
    public static string VerificationCode(int cycleId, int version, string fingerprint, ResultRow row)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{cycleId}|{version}|{fingerprint}|{row.AssistantId}|{row.Composite}|{(int?)row.Grade}|{string.Join(",", row.Outcomes.Select(o => (int)o))}");
        var hex = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        return $"{hex[..4]}-{hex[4..8]}-{hex[8..12]}";
    }
}
