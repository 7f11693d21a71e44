using Longan.Appraisal.Core.Domain.Ballots;

namespace Longan.Appraisal.Core.Features.Ballots;

/// <summary>A pattern in a session's voting worth a look before review (spec §11); a prompt to check, never a verdict.</summary>
public enum BallotSessionFlag
{
    /// <summary>Many votes within seconds: one hand with many slips, or a script.</summary>
    Burst = 1,
    /// <summary>The same comment word for word in several votes.</summary>
    RepeatedComments = 2,
    /// <summary>Every vote of the session made the same choice.</summary>
    OneChoice = 3,
    /// <summary>Many codes tried that belong to no session while it was open.</summary>
    Guessing = 4,
}

/// <summary>
/// When a session is flagged (spec §11), decided here only. None of it needs a vote's time or its
/// code: bursts are counted per ten-second interval on the session while it is open, the rest from
/// the votes as they are counted.
/// </summary>
public static class BallotSessionFlags
{
    /// <summary>
    /// Votes within one ten-second interval from which a session is flagged: reading the slip and
    /// choosing takes a person longer. A large meeting where everyone scans at once needs more:
    /// <see cref="BurstShare"/> of its codes.
    /// </summary>
    public const int BurstVotes = 10;
    public const decimal BurstShare = 0.3m;
    public static readonly TimeSpan BurstInterval = TimeSpan.FromSeconds(10);
    /// <summary>Wrong codes tried while it was open from which a session is flagged as under a guessing attack.</summary>
    public const int GuessingWrongCodes = 20;
    /// <summary>Votes a session needs before "all the same choice" says anything (five neighbours may well agree).</summary>
    public const int OneChoiceMinVotes = 10;
    /// <summary>A comment found in this many votes is repeated; shorter ones ("好", "满意") are said alike by chance.</summary>
    public const int RepeatCopies = 3;
    public const int RepeatMinLength = 5;

    public static IReadOnlyList<BallotSessionFlag> Of(BallotSession session)
    {
        var flags = new List<BallotSessionFlag>();
        if (session.PeakBurst >= BurstThreshold(session.CodeCount))
        {
            flags.Add(BallotSessionFlag.Burst);
        }
        if (session.RepeatedComments > 0)
        {
            flags.Add(BallotSessionFlag.RepeatedComments);
        }
        if (session.OneChoice)
        {
            flags.Add(BallotSessionFlag.OneChoice);
        }
        if (session.WrongCodes >= GuessingWrongCodes)
        {
            flags.Add(BallotSessionFlag.Guessing);
        }
        return flags;
    }

    /// <summary>
    /// Whether the flags are the township's to look at: a guessed code belongs to no session, so it
    /// counts against every open one in the county, and guessing alone is 组织部's to watch.
    /// </summary>
    public static bool ConcernTownship(IReadOnlyList<BallotSessionFlag> flags) => flags.Any(f => f != BallotSessionFlag.Guessing);

    /// <summary>Votes in one interval that make a burst for a session of so many codes.</summary>
    public static int BurstThreshold(int codes) => Math.Max(BurstVotes, (int)Math.Ceiling(codes * BurstShare));

    /// <summary>The number of the ten-second interval a moment falls in.</summary>
    public static long IntervalOf(DateTimeOffset moment) => moment.UtcTicks / BurstInterval.Ticks;

    /// <summary>
    /// What the votes show as they are counted: how many carry a comment repeated (per assistant,
    /// ignoring spaces and case) in at least <see cref="RepeatCopies"/> votes, and whether enough votes
    /// all made exactly the same choices.
    /// </summary>
    public static (int RepeatedComments, bool OneChoice) FromVotes(IReadOnlyCollection<PhoneVote> votes)
    {
        var repeated = votes
            .SelectMany(v => v.Comments.Select(c => (Assistant: c.Key, Text: Squeeze(c.Value))))
            .Where(c => c.Text.Length >= RepeatMinLength)
            .GroupBy(c => c)
            .Where(g => g.Count() >= RepeatCopies)
            .Sum(g => g.Count());
        var oneChoice = votes.Count >= OneChoiceMinVotes && votes.Select(v => v.ChoicesText()).Distinct(StringComparer.Ordinal).Count() == 1;
        return (repeated, oneChoice);
    }

    private static string Squeeze(string text) =>
        string.Concat(text.Where(c => !char.IsWhiteSpace(c) && !char.IsPunctuation(c))).ToLowerInvariant();
}
