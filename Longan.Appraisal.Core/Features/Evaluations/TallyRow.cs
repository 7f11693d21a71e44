namespace Longan.Appraisal.Core.Features.Evaluations;

public sealed record TallyRow(int Id, int Version, int Satisfied, int BasicallySatisfied, int Dissatisfied, int Invalid, string? Round, string? Comment, DateTimeOffset CreatedAt)
{
    /// <summary>What the caller may do with this entry now.</summary>
    public Entries.EntryRights Rights { get; init; } = Entries.EntryRights.None;
    /// <summary>The 测评场次 the tally counts (手机); null for paper.</summary>
    public int? BallotSessionId { get; init; }
    /// <summary>The villagers' comments a phone tally carries (kept apart, read on the card).</summary>
    public int PhoneComments { get; init; }

    public TallyInput ToInput() => new()
    {
        Satisfied = Satisfied, BasicallySatisfied = BasicallySatisfied, Dissatisfied = Dissatisfied, Invalid = Invalid, Round = Round, Comment = Comment,
    };
}
