using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Longan.Appraisal.Core.Domain.Audit;

/// <summary>What checking the audit trail found: how many records, the last hash, and the first record that does not fit, with why.</summary>
public sealed record AuditVerification(long Records, string HeadHash, long? BrokenAt, string? Problem)
{
    public bool IsIntact => BrokenAt is null;
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
