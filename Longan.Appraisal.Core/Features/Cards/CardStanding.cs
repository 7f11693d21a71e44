namespace Longan.Appraisal.Core.Features.Cards;

/// <summary>How a checked card stands against the results the system holds now.</summary>
public enum CardStanding
{
    /// <summary>The card shows the published result in force.</summary>
    InForce,

    /// <summary>The card was printed from a version that a later one has replaced.</summary>
    Superseded,

    /// <summary>The card shows the published version, but the year has been reopened and may be corrected.</summary>
    Reopened,

    /// <summary>The card was printed for checking before publication (its title says so) and is not a published result.</summary>
    Unpublished,
}
