namespace Longan.Appraisal.Core.Persistence.Backups;

/// <summary>How `backup` finds its tools (configuration section <c>Appraisal:Backup</c>).</summary>
public sealed class BackupOptions
{
    public const string Section = "Appraisal:Backup";

    /// <summary>
    /// The folder holding PostgreSQL's pg_dump and pg_restore, e.g. /usr/lib/postgresql/16/bin when
    /// the server is newer than the client on the PATH (pg_dump refuses a newer server); empty:
    /// the ones on the PATH.
    /// </summary>
    public string? PostgreSqlClient { get; set; }
}
