namespace Longan.Appraisal.Core.Domain.Ballots;

/// <summary>
/// One slip's code, as its SHA-256 only: a database reader cannot print a working slip from it. It
/// keeps whether it was spent and nothing else — no time, no address, no link to the vote it cast.
/// </summary>
public sealed class BallotCode
{
    public int Id { get; set; }
    public int SessionId { get; set; }
    public byte[] Hash { get; set; } = [];
    public bool Spent { get; set; }
}
