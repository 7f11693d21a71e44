namespace Longan.Appraisal.Core.Domain;

/// <summary>Spec §9: villagers and cadres vote anonymously; their group is shown to the assistant only from this many valid ballots.</summary>
public static class Anonymity
{
    /// <summary>k = 5: fewest valid ballots (N for villagers) of an anonymous group an assistant may see.</summary>
    public const int MinBallots = 5;
}
