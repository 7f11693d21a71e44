using System.Globalization;
using System.Text.Json;
using Longan.Appraisal.Core.Domain.Ballots;

namespace Longan.Appraisal.Core.Features.Ballots;

/// <summary>One phone vote's content: a choice (1–3 for villagers, a grade 1–4 for cadres) and an optional comment per assistant.</summary>
public sealed record PhoneVote(IReadOnlyDictionary<int, int> Choices, IReadOnlyDictionary<int, string> Comments)
{
    public int? Choice(int assistantId) => Choices.TryGetValue(assistantId, out var c) ? c : null;

    public string? Comment(int assistantId) => Comments.GetValueOrDefault(assistantId);

    public static PhoneVote Read(PhoneBallot ballot) => new(
        (ballot.Choices ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split(':'))
            .ToDictionary(p => int.Parse(p[0], CultureInfo.InvariantCulture), p => int.Parse(p[1], CultureInfo.InvariantCulture)),
        ballot.Comments is null ? new Dictionary<int, string>() : JsonSerializer.Deserialize<Dictionary<int, string>>(ballot.Comments)!);

    public string ChoicesText() => string.Join(';', Choices.OrderBy(c => c.Key).Select(c => FormattableString.Invariant($"{c.Key}:{c.Value}")));

    public string? CommentsText() => Comments.Count == 0 ? null : JsonSerializer.Serialize(Comments);
}
