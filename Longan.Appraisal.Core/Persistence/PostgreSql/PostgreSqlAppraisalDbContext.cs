using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Persistence.PostgreSql;

/// <summary>
/// The same appraisal model on PostgreSQL, with its own migration set (EF's "multiple context types"
/// way of keeping migrations per provider: Persistence/Migrations/PostgreSql). Two things are made to
/// behave as on SQLite: text compares and sorts by code point (collation "C", SQLite's BINARY), so
/// Chinese names order the same on both; every moment is stored in UTC (timestamptz takes no
/// other offset), read back as the same instant; and decimals come back in the shape SQLite gives
/// them (<see cref="StoredDecimal"/>), so the same inputs give the same explanations and fingerprint.
/// </summary>
public sealed class PostgreSqlAppraisalDbContext(DbContextOptions<PostgreSqlAppraisalDbContext> options) : AppraisalDbContext(options)
{
    /// <summary>Byte order of UTF-8, i.e. code-point order: what SQLite's default BINARY collation does.</summary>
    public const string CodePointCollation = "C";

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        base.ConfigureConventions(configuration);
        configuration.Properties<DateTimeOffset>().HaveConversion<UtcMoment>();
        configuration.Properties<decimal>().HaveConversion<SqliteShapedDecimal>();
        configuration.Properties<string>().UseCollation(CodePointCollation);
    }

    /// <summary>Numeric keeps the scale it was written with; read back in the one shape every provider gives (<see cref="StoredDecimal"/>).</summary>
    private sealed class SqliteShapedDecimal() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<decimal, decimal>(
        value => value, stored => StoredDecimal.Canonical(stored));

    private sealed class UtcMoment() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, DateTimeOffset>(
        moment => moment.ToUniversalTime(), stored => stored);
}
