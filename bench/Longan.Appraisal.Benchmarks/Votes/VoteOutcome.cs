namespace Longan.Appraisal.Benchmarks.Votes;

/// <summary>How one phone's vote went: thanked or not (and why), and how long each step took.</summary>
/// <param name="Open">Opening the slip's address (the ballot page).</param>
/// <param name="Check">Posting the choices, answered with the page to check them.</param>
/// <param name="Submit">Submitting, following the redirect to the thank-you page.</param>
internal sealed record VoteOutcome(string? Error, TimeSpan Total, TimeSpan Open, TimeSpan Check, TimeSpan Submit)
{
    public bool Thanked => Error is null;
}
