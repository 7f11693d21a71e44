namespace Longan.Appraisal.Core.Features.Results;

/// <param name="Unchanged">Nothing changed since the latest version: no new version was made.</param>
/// <param name="Load">Time reading the inputs.</param>
/// <param name="Scoring">Time in the engine.</param>
/// <param name="Store">Time writing the version.</param>
public sealed record ComputeSummary(int VersionId, int Number, string Fingerprint, int Assistants, int Complete, bool Unchanged,
    TimeSpan Load = default, TimeSpan Scoring = default, TimeSpan Store = default, int Year = 0);
