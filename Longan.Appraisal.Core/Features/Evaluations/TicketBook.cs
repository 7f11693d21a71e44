using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Entries;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Resources;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Evaluations;

/// <summary>
/// The one rule for 票号 (spec workbooks.md: a 票号 repeated for the same assistant and group in one
/// cycle is an error), for the ballot forms and the workbook import alike. The numbers already
/// taken are held in the one form <see cref="InputText.Code"/> gives them, so a number stored
/// before numbers were normalised ("c05" then, "C05" now) is found too, which the database's own
/// comparison would miss. A form claims one number against the assistant's other ballots; an import
/// claims its rows' numbers one by one against the whole cycle, so a number repeated in the file is
/// told apart from one taken before.
/// </summary>
public sealed class TicketBook
{
    /// <summary>The groups whose ballots carry a 票号.</summary>
    private static readonly EntryKind[] s_groups = [EntryKind.PartyBallot, EntryKind.CadreBallot];

    private readonly HashSet<(EntryKind Group, int Assistant, string Ticket)> _stored = [];
    private readonly HashSet<(EntryKind Group, int Assistant, string Ticket)> _claimed = [];

    private TicketBook()
    {
    }

    /// <summary>
    /// Why a ballot saved from a form cannot take <paramref name="ticket"/>, or null when it can:
    /// the assistant's other ballots of the group in the cycle are looked at.
    /// </summary>
    /// <param name="ballotId">The ballot being changed (0 for a new one): its own number is not in the way.</param>
    public static async Task<string?> ProblemAsync(AppraisalDbContext db, EntryKind group, EntryTarget target, int ballotId, string? ticket, CancellationToken ct)
    {
        if (InputText.Code(ticket) is null)
        {
            return null;
        }
        var book = new TicketBook();
        await book.LoadAsync(group, Stored(db, group).Where(b => b.CycleId == target.Cycle.Id && b.AssistantId == target.AssistantId && b.Id != ballotId), ct);
        return book.Claim(group, target.AssistantId, ticket);
    }

    /// <summary>Every number taken in the cycle, but those of the import a new file replaces (its rows are removed first).</summary>
    public static async Task<TicketBook> ForCycleAsync(AppraisalDbContext db, int cycleId, int? replacedImport, CancellationToken ct)
    {
        var book = new TicketBook();
        foreach (var group in s_groups)
        {
            await book.LoadAsync(group, Stored(db, group).Where(b => b.CycleId == cycleId && (replacedImport == null || b.ImportId != replacedImport)), ct);
        }
        return book;
    }

    /// <summary>
    /// Claims the 票号 for a ballot of the group for the assistant: null when it is free (from then on
    /// it is this ballot's), otherwise why not — taken by a stored ballot, or by an earlier one of the
    /// same batch. A blank number is always free.
    /// </summary>
    public string? Claim(EntryKind group, int assistantId, string? ticket)
    {
        if (InputText.Code(ticket) is not { } code)
        {
            return null;
        }
        var key = (group, assistantId, code);
        if (_stored.Contains(key))
        {
            return Messages.TicketTaken(code);
        }
        return _claimed.Add(key) ? null : Messages.RepeatedInFile;
    }

    private async Task LoadAsync(EntryKind group, IQueryable<StoredTicket> ballots, CancellationToken ct)
    {
        foreach (var b in await ballots.Select(b => new { b.AssistantId, b.TicketNo }).ToListAsync(ct))
        {
            if (InputText.Code(b.TicketNo) is { } code)
            {
                _stored.Add((group, b.AssistantId, code));
            }
        }
    }

    private static IQueryable<StoredTicket> Stored(AppraisalDbContext db, EntryKind group) => group switch
    {
        EntryKind.PartyBallot => db.PartyBallots.Where(b => b.TicketNo != null)
            .Select(b => new StoredTicket { Id = b.Id, CycleId = b.CycleId, AssistantId = b.AssistantId, ImportId = b.ImportId, TicketNo = b.TicketNo! }),
        EntryKind.CadreBallot => db.CadreBallots.Where(b => b.TicketNo != null)
            .Select(b => new StoredTicket { Id = b.Id, CycleId = b.CycleId, AssistantId = b.AssistantId, ImportId = b.ImportId, TicketNo = b.TicketNo! }),
        _ => throw new ArgumentOutOfRangeException(nameof(group), group, "Only party and cadre ballots carry a 票号."),
    };

    private sealed class StoredTicket
    {
        public int Id { get; init; }
        public int CycleId { get; init; }
        public int AssistantId { get; init; }
        public int? ImportId { get; init; }
        public required string TicketNo { get; init; }
    }
}
