namespace Longan.Appraisal.Core.Persistence.Backups;

/// <summary>
/// A backup written and checked: where, how large, how long it took in all and how much of it was the
/// copy itself (the rest is the check), what it holds, and the check's result in words.
/// </summary>
public sealed record BackupReport(string Path, DatabaseProvider Provider, long Bytes, TimeSpan Elapsed, TimeSpan Copying, BackupContents Contents, string Check);
