namespace Longan.Appraisal.Core.Persistence.Backups;

/// <summary>A backup that was refused or did not complete; the message says why, and no file was left under the requested name.</summary>
public sealed class BackupFailedException(string message) : Exception(message);
