namespace Longan.Appraisal.Core.Features.Results;

/// <param name="Unchanged">Nothing changed since the latest version: no new version was made.</param>
public sealed record ComputeSummary(int VersionId, int Number, string Fingerprint, int Assistants, int Complete, bool Unchanged);
