namespace Longan.Appraisal.Core.Features.Common;

/// <summary>Someone else changed the record since it was opened; nothing was saved, and what the user typed is still theirs.</summary>
public sealed class ConflictException(string message) : Exception(message);
