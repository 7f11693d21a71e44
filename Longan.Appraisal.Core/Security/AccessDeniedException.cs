namespace Longan.Appraisal.Core.Security;

/// <summary>The caller's role or scope does not allow the operation; the message says so in the UI language.</summary>
public sealed class AccessDeniedException(string message) : Exception(message);
