namespace Longan.Appraisal.Core.Features.Results;

/// <summary>A result version as a page shows it: which version, when, the cycle's other versions, and the rows the caller may see.</summary>
/// <param name="CanDecide">The caller may decide these assistants' outcomes now (组织部, on the latest version, before publication).</param>
public sealed record ResultSet(
    int CycleId, int Year, int VersionNumber, DateTimeOffset ComputedAt, string ComputedBy, DateTimeOffset? PublishedAt,
    IReadOnlyList<ResultVersionInfo> Versions, IReadOnlyList<ResultRow> Rows, ResultContext Context, bool CanDecide = false);

/// <summary>One computed version of a cycle's results; old versions are kept after reopening.</summary>
public sealed record ResultVersionInfo(int Number, DateTimeOffset ComputedAt, string ComputedBy, DateTimeOffset? PublishedAt, string Fingerprint);

/// <summary>An assistant's own result in a published cycle.</summary>
public sealed record PublishedResult(int CycleId, int Year, int VersionNumber, DateTimeOffset PublishedAt, ResultRow Row, ResultContext Context);
