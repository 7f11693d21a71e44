namespace Longan.Appraisal.Core.Persistence.Backups;

/// <summary>A backup written and checked: where, how large, how long it took, what it holds, and the check's result in words.</summary>
public sealed record BackupReport(string Path, DatabaseProvider Provider, long Bytes, TimeSpan Elapsed, BackupContents Contents, string Check);
