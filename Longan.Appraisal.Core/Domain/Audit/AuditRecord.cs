using Longan.Appraisal.Core.Security;

namespace Longan.Appraisal.Core.Domain.Audit;

/// <summary>What an audit record says happened.</summary>
public enum AuditAction
{
    Created = 1,
    Changed = 2,
    Deleted = 3,
    /// <summary>A bulk act recorded as one (a workbook imported, a county seeded).</summary>
    Bulk = 4,
    SignedIn = 10,
    SignInFailed = 11,
    AccessRefused = 12,
    SignedOut = 13,
}

/// <summary>
/// One entry of the append-only audit trail (issue 6): who, when, what, and the values before and
/// after (JSON of the changed fields). Records are numbered without gaps and hash-chained — each
/// carries the SHA-256 of its own content and of the record before it — so that editing, deleting
/// or inserting a record is detected by <see cref="AuditChainWalk"/>.
/// </summary>
public sealed class AuditRecord
{
    /// <summary>The record's place in the chain, from 1 without gaps.</summary>
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>The account's login name, "system" for the command line, or the name typed at a failed sign-in.</summary>
    public required string Actor { get; set; }
    public AppRole? Role { get; set; }
    public AuditAction Action { get; set; }
    /// <summary>The kind of thing changed: an entity name (Assistant, AppraisalCycle, …) or a web address for refusals.</summary>
    public required string Subject { get; set; }
    /// <summary>Which one: its key.</summary>
    public string? SubjectKey { get; set; }
    /// <summary>A sentence for bulk acts, sign-ins and refusals.</summary>
    public string? Summary { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
}
