namespace Longan.Appraisal.Core.Features.Common;

/// <summary>An operation is refused by a business rule (e.g. deleting something still referenced); the message explains why.</summary>
public sealed class RuleViolationException(string message) : Exception(message);
