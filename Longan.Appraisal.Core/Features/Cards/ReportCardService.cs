using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Resources;
using Longan.Appraisal.Core.Scoring;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Core.Security.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Longan.Appraisal.Core.Features.Cards;

/// <summary>
/// Gathers a report card's content (spec report-card.md) with the same scope as the results: the
/// county any assistant, a township its own, an assistant only their own and only once published;
/// and applies the feedback rules of spec §9 (k = 5 for anonymous comments, no supervisor names,
/// comments in an order unrelated to entry order).
/// </summary>
public sealed class ReportCardService(IDbContextFactory<AppraisalDbContext> dbFactory, ResultQueryService results, TimeProvider clock, ILogger<ReportCardService> logger)
{
    /// <summary>
    /// The card as a PDF, in Chinese whatever the reader's UI language (it is a county document), with
    /// a file name saying whose card and which year (考核结果报告卡_2025_黄志强.pdf).
    /// </summary>
    public Task<(byte[] Pdf, string FileName)> RenderFileAsync(Caller caller, int cycleId, int assistantId, CancellationToken ct = default) =>
        OperationLog.TimedAsync(logger, ExportLog.Card, () => RenderFileUnloggedAsync(caller, cycleId, assistantId, ct),
            (file, ms) => ExportLog.CardsWritten(logger, ExportLog.Card, cycleId, 1, ms));

    private async Task<(byte[] Pdf, string FileName)> RenderFileUnloggedAsync(Caller caller, int cycleId, int assistantId, CancellationToken ct)
    {
        var uiCulture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        try
        {
            var card = await GetAsync(caller, cycleId, assistantId, ct);
            return (ReportCardRenderer.Render(card, clock.GetUtcNow()), $"考核结果报告卡_{card.Year}_{card.Identity.Name}.pdf");
        }
        finally
        {
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }

    /// <summary>
    /// A batch: a cover page listing who is inside, then every card, in 乡镇 then 全县排名 order, as one
    /// PDF written to <paramref name="output"/> as the cards are drawn (memory does not grow with the
    /// batch), with the font embedded once. The county may take the
    /// whole county or a township; a township only its own. Returns how many cards were written.
    /// </summary>
    public Task<int> WriteBatchAsync(Caller caller, int cycleId, int? townshipId, string? assistantCode, Stream output,
        IProgress<(int Done, int Total)>? progress = null, CancellationToken ct = default) =>
        OperationLog.TimedAsync(logger, ExportLog.Cards, () => WriteBatchUnloggedAsync(caller, cycleId, townshipId, assistantCode, output, progress, ct),
            (cards, ms) => ExportLog.CardsWritten(logger, ExportLog.Cards, cycleId, cards, ms));

    private async Task<int> WriteBatchUnloggedAsync(Caller caller, int cycleId, int? townshipId, string? assistantCode, Stream output,
        IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        // A township's batch is its own whether it names it or not.
        townshipId ??= caller.Role == AppRole.Township ? caller.TownshipId : null;
        CardPolicy.Ensure(caller, CardOperation.Batch, townshipId);
        var uiCulture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        try
        {
            var set = await (townshipId is { } township ? results.ReadTownshipAsync(caller, cycleId, township, ct) : results.ReadAsync(caller, cycleId, ct: ct))
                ?? throw new NotFoundException(Messages.CardBatchNothingComputed);
            var code = InputText.Code(assistantCode);
            var rows = set.Rows
                .Where(r => townshipId is null || r.TownshipId == townshipId)
                .Where(r => code is null || InputText.Code(r.Code) == code)
                .OrderBy(r => r.TownshipOrder).ThenBy(r => r.CountyRank is null).ThenBy(r => r.CountyRank).ThenBy(r => r.Code, StringComparer.Ordinal)
                .ToList();
            if (rows.Count == 0)
            {
                throw new NotFoundException(assistantCode is null ? Messages.CardBatchNobody : Messages.CardNoSuchAssistant(assistantCode));
            }
            await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
            var source = await CardSource.LoadAsync(db, cycleId, set.VersionNumber, townshipId is null && assistantCode is null ? null : rows.Select(r => r.AssistantId).ToList(), ct, set.Context);
            var now = clock.GetUtcNow();
            var scope = assistantCode is not null ? rows[0].Name : townshipId is null ? "全县" : rows[0].Township;
            using var pdf = ReportCardRenderer.NewWriter(output, $"隆安县{set.Year}年度驻村助理员考核结果报告卡（{scope}）", now);
            ReportCardRenderer.AppendCover(pdf, set.Year, scope, set.VersionNumber, rows, now);
            for (var i = 0; i < rows.Count; i++)
            {
                ct.ThrowIfCancellationRequested();
                ReportCardRenderer.Append(pdf, source.Build(rows[i]), now);
                progress?.Report((i + 1, rows.Count));
            }
            pdf.Finish();
            return rows.Count;
        }
        finally
        {
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }

    /// <summary>
    /// An assistant's own published results, each with its card's content (what 我的考核 shows): the
    /// same rules as the PDF, read in one pass rather than a lookup per year.
    /// </summary>
    public async Task<IReadOnlyList<(PublishedResult Result, ReportCard Card)>> MineAsync(Caller caller, CancellationToken ct = default)
    {
        var mine = await results.PublishedForSelfAsync(caller, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cards = new List<(PublishedResult, ReportCard)>();
        foreach (var result in mine)
        {
            var source = await CardSource.LoadAsync(db, result.CycleId, result.VersionNumber, [result.Row.AssistantId], ct);
            cards.Add((result, source.Build(result.Row)));
        }
        return cards;
    }

    public async Task<ReportCard> GetAsync(Caller caller, int cycleId, int assistantId, CancellationToken ct = default)
    {
        ResultRow row;
        int versionNumber;
        ResultContext context;
        if (ResultPolicy.Can(caller, ResultOperation.ReadOwn))
        {
            // An assistant: their own card, of a published year only.
            CardPolicy.Ensure(caller, CardOperation.Render, assistantId: assistantId);
            var mine = (await results.PublishedForSelfAsync(caller, ct)).FirstOrDefault(p => p.CycleId == cycleId)
                ?? throw new NotFoundException(Messages.CardNotPublished);
            (row, versionNumber, context) = (mine.Row, mine.VersionNumber, mine.Context);
        }
        else
        {
            // The results' own scope: the county all, a township its own assistants, nobody else.
            var set = await results.ReadAsync(caller, cycleId, assistantId, ct: ct) ?? throw new NotFoundException(Messages.CardNoResult);
            (row, versionNumber, context) = (set.Rows.SingleOrDefault() ?? throw new NotFoundException(Messages.CardNoResult), set.VersionNumber, set.Context);
        }
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        return (await CardSource.LoadAsync(db, cycleId, versionNumber, [row.AssistantId], ct, context)).Build(row);
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
