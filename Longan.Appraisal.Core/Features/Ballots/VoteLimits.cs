namespace Longan.Appraisal.Core.Features.Ballots;

/// <summary>How often phone ballots may be tried (configuration section <c>Appraisal</c>).</summary>
public sealed class VoteLimits
{
    public const string Section = "Appraisal";

    /// <summary>
    /// Requests to <c>/v</c> per network address and minute: a village meeting voting through one
    /// mobile network's shared address takes three requests a voter, so nobody can try codes at will.
    /// </summary>
    public int VoteRequestsPerMinute { get; set; } = 240;

    /// <summary>
    /// Ballots opened or cast with the codes of one session per minute, on each portal node: far
    /// more than a meeting's voters manage, far fewer than a script with a pile of slips.
    /// </summary>
    public int VotesPerSessionPerMinute { get; set; } = 600;
}
