using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Persistence.PostgreSql;

/// <summary>
/// The same appraisal model on PostgreSQL, with its own migration set (EF's "multiple context types"
/// way of keeping migrations per provider: Persistence/Migrations/PostgreSql). Two things are made to
/// behave as on SQLite: text compares and sorts by code point (collation "C", SQLite's BINARY), so
/// Chinese names order the same on both; and every moment is stored in UTC (timestamptz takes no
/// other offset), read back as the same instant.
/// </summary>
public sealed class PostgreSqlAppraisalDbContext(DbContextOptions<PostgreSqlAppraisalDbContext> options) : AppraisalDbContext(options)
{
    /// <summary>Byte order of UTF-8, i.e. code-point order: what SQLite's default BINARY collation does.</summary>
    public const string CodePointCollation = "C";

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        base.ConfigureConventions(configuration);
        configuration.Properties<DateTimeOffset>().HaveConversion<UtcMoment>();
        configuration.Properties<string>().UseCollation(CodePointCollation);
    }

    private sealed class UtcMoment() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, DateTimeOffset>(
        moment => moment.ToUniversalTime(), stored => stored);
}
