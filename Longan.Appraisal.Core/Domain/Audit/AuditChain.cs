using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Longan.Appraisal.Core.Domain.Audit;

/// <summary>
/// What checking the audit trail found: how many records, the last hash, the first record that does
/// not fit, with why; and, when a checkpoint noted earlier was given, whether the trail still holds it.
/// </summary>
public sealed record AuditVerification(long Records, string HeadHash, long? BrokenAt, string? Problem, string? CheckpointProblem = null)
{
    public bool IsIntact => BrokenAt is null && CheckpointProblem is null;

    /// <summary>
    /// The checkpoint to note outside the system (minutes, paper): the last record's number and the
    /// start of its hash. Given back later, it proves nothing up to that record was cut or rewritten.
    /// </summary>
    public string Checkpoint => AuditCheckpoint.Format(Records, HeadHash);
}

/// <summary>
/// A checkpoint of the trail, "#1234:3f9a0c2b7d41e8aa": the chain shows edits, deletions and
/// insertions inside the trail, but only a checkpoint kept elsewhere shows records cut off its end
/// or the whole trail rewritten by someone who recomputed every hash.
/// </summary>
public static class AuditCheckpoint
{
    public const int HashDigits = 16;

    public static string Format(long records, string hash) =>
        records == 0 ? "#0" : $"#{records.ToString(CultureInfo.InvariantCulture)}:{hash[..HashDigits]}";

    /// <summary>
    /// The record number and hash start of a checkpoint as typed (spaces, "#", case forgiven), or null
    /// when it is not one; "#0" is the checkpoint of an empty trail.
    /// </summary>
    public static (long Record, string HashStart)? Parse(string? text)
    {
        var parts = (text ?? "").Trim().TrimStart('#').Replace(" ", "", StringComparison.Ordinal).Split(['：', ':']);
        if (parts is ["0"])
        {
            return (0, "");
        }
        return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var record) && record > 0
            && parts[1].Length >= 8 && parts[1].All(char.IsAsciiHexDigit)
            ? (record, parts[1].ToLowerInvariant())
            : null;
    }
}

/// <summary>
/// The hash chain of the audit trail: each record's hash is the SHA-256 of its number, time, actor,
/// role, action, subject, key, summary, before, after and the previous record's hash. Pure: the
/// same records always give the same hashes.
/// </summary>
public static class AuditChain
{
    /// <summary>The hash before the first record.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string HashOf(AuditRecord record)
    {
        var text = string.Join('\u001F',
            record.Id.ToString(CultureInfo.InvariantCulture),
            record.At.UtcTicks.ToString(CultureInfo.InvariantCulture),
            record.Actor,
            record.Role is { } role ? ((int)role).ToString(CultureInfo.InvariantCulture) : "",
            ((int)record.Action).ToString(CultureInfo.InvariantCulture),
            record.Subject,
            record.SubjectKey ?? "",
            record.Summary ?? "",
            record.Before ?? "",
            record.After ?? "",
            record.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Numbers and chains new records after the last one written (<paramref name="lastId"/>, <paramref name="lastHash"/>).</summary>
    public static void Append(IEnumerable<AuditRecord> records, long lastId, string lastHash)
    {
        foreach (var record in records)
        {
            record.Id = ++lastId;
            record.PreviousHash = lastHash;
            record.Hash = lastHash = HashOf(record);
        }
    }

}

/// <summary>Checks the trail one record at a time, in order, so a long trail need not be held in memory.</summary>
public sealed class AuditChainWalk
{
    private long _expected = 1;
    private string _previous = AuditChain.Genesis;
    private AuditVerification? _broken;

    public AuditVerification Result => _broken ?? new(_expected - 1, _previous, null, null);

    /// <summary>Checks the next record; false once the chain is broken.</summary>
    public bool Step(AuditRecord record)
    {
        if (_broken is not null)
        {
            return false;
        }
        var problem = record.Id != _expected ? Resources.Messages.AuditRecordMissing(_expected, record.Id)
            : record.PreviousHash != _previous ? Resources.Messages.AuditLinkBroken
            : record.Hash != AuditChain.HashOf(record) ? Resources.Messages.AuditContentChanged
            : null;
        if (problem is not null)
        {
            _broken = new(_expected - 1, _previous, Math.Min(record.Id, _expected), problem);
            return false;
        }
        _previous = record.Hash;
        _expected++;
        return true;
    }
}
