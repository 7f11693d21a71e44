using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Entries;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Resources;
using Longan.Appraisal.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Evaluations;

/// <summary>群众评议 tallies (spec §3, V): several per assistant, added up; no voter is ever recorded.</summary>
public sealed class VillagerTallyService(IDbContextFactory<AppraisalDbContext> dbFactory, TimeProvider clock)
    : EntryServiceBase<VillagerTally, TallyInput>(dbFactory, clock)
{
    /// <summary>A sanity bound per count: no village meeting has more voters.</summary>
    public const int MaxCount = 100_000;

    protected override EntryKind Kind => EntryKind.VillagerTally;

    protected override VillagerTally Create() => new();

    public async Task<IReadOnlyList<TallyRow>> ListAsync(Caller caller, int cycleId, int assistantId, CancellationToken ct = default) =>
        (await ListEntriesAsync(caller, cycleId, assistantId, ct))
            .Select(e => new TallyRow(e.Entry.Id, e.Entry.Version, e.Entry.Satisfied, e.Entry.BasicallySatisfied, e.Entry.Dissatisfied, e.Entry.Invalid,
                e.Entry.Round, e.Entry.Comment, e.Entry.CreatedAt) { Rights = e.Rights })
            .ToList();

    protected override Task ApplyAsync(AppraisalDbContext db, EntryTarget target, VillagerTally entry, TallyInput input, Caller caller, CancellationToken ct)
    {
        var round = InputText.Text(input.Round);
        var comment = InputText.Text(input.Comment, multiline: true);
        var validator = new Validator();
        foreach (var (field, label, value) in new[]
                 {
                     (nameof(input.Satisfied), Messages.LabelSatisfied, input.Satisfied),
                     (nameof(input.BasicallySatisfied), Messages.LabelBasicallySatisfied, input.BasicallySatisfied),
                     (nameof(input.Dissatisfied), Messages.LabelDissatisfied, input.Dissatisfied),
                     (nameof(input.Invalid), Messages.LabelInvalid, input.Invalid),
                 })
        {
            validator.Check(value is >= 0 and <= MaxCount, field, Messages.CountOutOfRange(label, MaxCount));
        }
        validator
            .Check(input.Satisfied + input.BasicallySatisfied + input.Dissatisfied + input.Invalid > 0 || comment is not null, nameof(input.Satisfied), Messages.TallyEmpty)
            .MaxLength(nameof(input.Round), Messages.LabelRound, round, FieldLimits.Name)
            .MaxLength(nameof(input.Comment), Messages.LabelComment, comment, FieldLimits.Comment)
            .ThrowIfInvalid();
        entry.Satisfied = input.Satisfied;
        entry.BasicallySatisfied = input.BasicallySatisfied;
        entry.Dissatisfied = input.Dissatisfied;
        entry.Invalid = input.Invalid;
        entry.Round = round;
        entry.Comment = comment;
        return Task.CompletedTask;
    }

    protected override object Snapshot(VillagerTally t) => new { t.Satisfied, t.BasicallySatisfied, t.Dissatisfied, t.Invalid, t.Round, t.Comment };
}
