using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Resources;

namespace Longan.Appraisal.Core.Features.Evaluations;

/// <summary>The counts of one villagers' meeting or round (spec §3, V).</summary>
public sealed class TallyInput
{
    /// <summary>A sanity bound per count: no village meeting has more voters.</summary>
    public const int MaxCount = 100_000;

    public int Satisfied { get; set; }
    public int BasicallySatisfied { get; set; }
    public int Dissatisfied { get; set; }
    public int Invalid { get; set; }
    public string? Round { get; set; }
    public string? Comment { get; set; }

    /// <summary>The four counts with their fields and labels, in ballot order.</summary>
    public IEnumerable<(string Field, string Label, int Value)> Counts =>
    [
        (nameof(Satisfied), Messages.LabelSatisfied, Satisfied),
        (nameof(BasicallySatisfied), Messages.LabelBasicallySatisfied, BasicallySatisfied),
        (nameof(Dissatisfied), Messages.LabelDissatisfied, Dissatisfied),
        (nameof(Invalid), Messages.LabelInvalid, Invalid),
    ];

    /// <summary>Every count is one a meeting can have (a preview is shown only then).</summary>
    public bool CountsValid => Counts.All(c => IsCount(c.Value));

    public static bool IsCount(int value) => value is >= 0 and <= MaxCount;

    /// <summary>
    /// What is wrong with the tally on its own, one message per field: the service refuses it, the
    /// form shows it as a field is left. "Nothing entered" is said only when every count is valid.
    /// </summary>
    public IReadOnlyList<FieldError> Check()
    {
        var validator = new Validator();
        foreach (var (field, label, value) in Counts)
        {
            validator.Check(IsCount(value), field, Messages.CountOutOfRange(label, MaxCount));
        }
        var comment = InputText.Text(Comment, multiline: true);
        return validator
            .Check(!CountsValid || Satisfied + BasicallySatisfied + Dissatisfied + Invalid > 0 || comment is not null, nameof(Satisfied), Messages.TallyEmpty)
            .MaxLength(nameof(Round), Messages.LabelRound, InputText.Text(Round), FieldLimits.Name)
            .MaxLength(nameof(Comment), Messages.LabelComment, comment, FieldLimits.Comment)
            .Errors;
    }
}
