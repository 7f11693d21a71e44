namespace Longan.Appraisal.Core.Domain.Results;

/// <summary>
/// One computation of a cycle's results (spec §2): numbered, with the fingerprint of the rules and
/// inputs it used, so a recompute on unchanged data is recognised as the same version. Versions are
/// never changed or deleted; publishing marks the one that was published.
/// </summary>
public sealed class ResultVersion
{
    public int Id { get; set; }
    public int CycleId { get; set; }
    public int Number { get; set; }
    /// <summary>SHA-256 of the rules and every input, in a canonical order.</summary>
    public required string Fingerprint { get; set; }
    public DateTimeOffset ComputedAt { get; set; }
    public required string ComputedBy { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    /// <summary>
    /// The county's average of each of the five duties over every party ballot (what each report card
    /// draws its assistant against), as a JSON array of exact decimals; stored when the version is made
    /// so a township's batch of cards need not read the county's ballots. Null for versions made
    /// before it was stored: the cards then compute it.
    /// </summary>
    public string? CountyAverages { get; set; }
    public List<StoredResult> Results { get; set; } = [];
}
