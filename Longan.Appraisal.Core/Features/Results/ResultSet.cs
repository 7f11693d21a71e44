namespace Longan.Appraisal.Core.Features.Results;

/// <summary>A result version as a page shows it: which version, when, and the rows the caller may see.</summary>
public sealed record ResultSet(int CycleId, int Year, int VersionNumber, DateTimeOffset ComputedAt, string ComputedBy, IReadOnlyList<ResultRow> Rows);
