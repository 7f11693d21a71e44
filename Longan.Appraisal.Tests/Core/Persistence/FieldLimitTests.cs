using Longan.Appraisal.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Tests.Core.Persistence;

/// <summary>
/// Every text column has a length limit in the model (which forms, services and imports check
/// against) — except those the system itself writes, named here: a new field cannot slip in
/// without one (the probe stored a 10 000-character 票号).
/// </summary>
public sealed class FieldLimitTests
{
    /// <summary>Written by the portal, never typed: computation steps, audit contents, Identity's hashes and stamps.</summary>
    private static readonly string[] s_systemWritten =
    [
        "StoredResult.Steps", "StoredResult.Reasons", "AuditRecord.Summary", "AuditRecord.Before", "AuditRecord.After",
        "EntryChange.Before", "EntryChange.After",
        "AppUser.Id", "AppUser.PasswordHash", "AppUser.SecurityStamp", "AppUser.ConcurrencyStamp", "AppUser.PhoneNumber",
        "DataProtectionKey.FriendlyName", "DataProtectionKey.Xml",
    ];

    [Fact]
    public void EveryTextColumn_HasALimit_OrIsWrittenOnlyByTheSystem()
    {
        using var db = new AppraisalDbContext(new DbContextOptionsBuilder<AppraisalDbContext>().UseSqlite("Data Source=:memory:").Options);

        // Identity's external-login, token and claim tables are not used by the portal.
        var unlimited = db.Model.GetEntityTypes().Where(t => t.ClrType.Namespace != "Microsoft.AspNetCore.Identity")
            .SelectMany(t => t.GetProperties().Where(p => p.ClrType == typeof(string) && p.GetMaxLength() is null).Select(p => $"{t.ClrType.Name}.{p.Name}"))
            .ToList();

        Assert.True(unlimited.Except(s_systemWritten).ToList() is [], "Text columns without a limit: " + string.Join(", ", unlimited.Except(s_systemWritten)));
        Assert.True(s_systemWritten.Except(unlimited).ToList() is [], "Listed but limited or gone: " + string.Join(", ", s_systemWritten.Except(unlimited)));
    }
}
