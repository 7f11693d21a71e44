using System.Text;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Resources;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Core.Security.Policies;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Cards;

/// <summary>
/// Checks a printed card against the system (spec report-card.md, item 10): the verification code
/// in its footer is recomputed for the stored results the caller may read — the county all, a
/// township its own — and the matching result is returned with how it stands now. A code cannot
/// be reversed, so the versions are searched newest first (published ones as published).
/// </summary>
public sealed class CardVerificationService(IDbContextFactory<AppraisalDbContext> dbFactory, ResultQueryService results)
{
    public const string CodeField = "code";

    /// <summary>The result whose card carries <paramref name="code"/>, or null when none the caller may read does.</summary>
    public async Task<CardVerification?> VerifyAsync(Caller caller, string? code, CancellationToken ct = default)
    {
        CardPolicy.Ensure(caller, CardOperation.Verify);
        var wanted = Normalise(code);
        List<StoredVersion> versions;
        await using (var db = await dbFactory.CreateDbContextAsync(caller, ct))
        {
            versions = (await (from v in db.ResultVersions.AsNoTracking()
                               join c in db.Cycles.AsNoTracking() on v.CycleId equals c.Id
                               select new { v.CycleId, c.Year, c.State, v.Number, v.PublishedAt }).ToListAsync(ct))
                .Select(v => new StoredVersion(v.CycleId, v.Year, v.State, v.Number, v.PublishedAt)).ToList();
        }
        foreach (var cycle in versions.GroupBy(v => v.CycleId).OrderByDescending(g => g.First().Year))
        {
            var latest = cycle.Max(v => v.Number);
            var latestPublished = cycle.Where(v => v.PublishedAt is not null).Select(v => (int?)v.Number).Max();
            foreach (var version in cycle.OrderByDescending(v => v.Number))
            {
                // A published version's cards carry the decisions of its publication; one printed while it
                // was being reviewed, the decisions of that time — both are looked at.
                var readings = version.PublishedAt is null
                    ? [await results.ReadAsync(caller, version.CycleId, versionNumber: version.Number, ct: ct)]
                    : new[]
                    {
                        await results.ReadAsPublishedAsync(caller, version.CycleId, version.Number, ct: ct),
                        await results.ReadAsync(caller, version.CycleId, versionNumber: version.Number, ct: ct),
                    };
                foreach (var set in readings.OfType<ResultSet>())
                {
                    var fingerprint = set.Versions.Single(v => v.Number == set.VersionNumber).Fingerprint;
                    var row = set.Rows.FirstOrDefault(r => ReportCardService.VerificationCode(set.CycleId, set.VersionNumber, fingerprint, r) == wanted);
                    if (row is not null)
                    {
                        var (standing, against) = await StandingAsync(caller, version, latest, latestPublished, row, ct);
                        return new CardVerification(set.CycleId, set.Year, set.VersionNumber, version.PublishedAt,
                            row.AssistantId, row.Code, row.Name, row.Township, row.Village, row.Composite, row.Grade, row.CountyRank, row.Outcomes,
                            standing, against);
                    }
                }
            }
        }
        return null;
    }

    /// <summary>
    /// How a card stands, judged by what it says of the assistant rather than by its version: a
    /// republication that corrected someone else leaves everybody else's filed card in force. A card
    /// printed before publication is never an official result. Returns the version it was compared with.
    /// </summary>
    private async Task<(CardStanding, int)> StandingAsync(Caller caller, StoredVersion version, int latest, int? latestPublished, ResultRow row, CancellationToken ct)
    {
        if (version.PublishedAt is null)
        {
            return (version.Number == latest ? CardStanding.Unpublished : CardStanding.Superseded, latest);
        }
        var current = latestPublished!.Value;
        if (current != version.Number)
        {
            var now = (await results.ReadAsPublishedAsync(caller, version.CycleId, current, row.AssistantId, ct))?.Rows.SingleOrDefault();
            if (now is null || now.Statement != row.Statement)
            {
                return (CardStanding.Superseded, current);
            }
        }
        return (version.State == CycleState.Published ? CardStanding.InForce : CardStanding.Reopened, current);
    }

    private sealed record StoredVersion(int CycleId, int Year, CycleState State, int Number, DateTimeOffset? PublishedAt);

    /// <summary>
    /// The code as printed (XXXX-XXXX-XXXX): full-width characters, spaces, dashes and lower case
    /// are forgiven, anything else is named.
    /// </summary>
    public static string Normalise(string? code)
    {
        // Pasted with its label from the footer ("核验码 729B-155C-F594") is fine too.
        var text = (InputText.Code(code) ?? "").Replace("核验码", "", StringComparison.Ordinal).TrimStart(':', ' ');
        var digits = new StringBuilder();
        foreach (var ch in text)
        {
            if (char.IsWhiteSpace(ch) || ch is '-' or '—' or '–' or '‐' or '·' or ':')
            {
                continue;
            }
            if (!char.IsAsciiHexDigit(ch))
            {
                throw new ValidationFailedException([new FieldError(CodeField, Messages.CardCodeBadCharacter(ch.ToString()))]);
            }
            digits.Append(ch);
        }
        if (digits.Length != 12)
        {
            throw new ValidationFailedException([new FieldError(CodeField, digits.Length == 0 ? Messages.CardCodeRequired : Messages.CardCodeLength(digits.Length))]);
        }
        return $"{digits.ToString(0, 4)}-{digits.ToString(4, 4)}-{digits.ToString(8, 4)}";
    }
}
