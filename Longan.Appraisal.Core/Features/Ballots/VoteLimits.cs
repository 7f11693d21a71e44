namespace Longan.Appraisal.Core.Features.Ballots;

/// <summary>How often phone ballots may be tried (configuration section <c>Appraisal</c>).</summary>
public sealed class VoteLimits
{
    public const string Section = "Appraisal";

    /// <summary>
    /// Requests to <c>/v</c> per network address and minute. A voter makes four (open, check,
    /// submit, thank-you), and a village meeting on one mobile network may share an address, so
    /// 600 lets 150 voters a minute through one address; guessing a 59-bit code
    /// at ten tries a second is hopeless anyway, and guesses that get through flag the open sessions.
    /// </summary>
    public int VoteRequestsPerMinute { get; set; } = 600;

    /// <summary>
    /// Ballot pages opened, checked or cast with the codes of one session per minute, on each portal
    /// node. A voter takes four (open, check, submit: the submit reads the code before casting), so
    /// 1 200 lets a meeting of 300 vote within a minute, and holds a script with a pile of slips to
    /// 300 votes a minute, which the burst flag shows anyway.
    /// </summary>
    public int VotesPerSessionPerMinute { get; set; } = 1200;
}
