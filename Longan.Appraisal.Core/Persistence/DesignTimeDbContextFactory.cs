using Longan.Appraisal.Core.Persistence.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Longan.Appraisal.Core.Persistence;

/// <summary>
/// Lets `dotnet ef migrations add` build the SQLite model without starting the web host
/// (`--context AppraisalDbContext --output-dir Persistence/Migrations/Sqlite`).
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppraisalDbContext>
{
    public AppraisalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AppraisalDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>
/// The PostgreSQL model for `dotnet ef migrations add` (`--context PostgreSqlAppraisalDbContext
/// --output-dir Persistence/Migrations/PostgreSql`); no server is contacted.
/// </summary>
internal sealed class PostgreSqlDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlAppraisalDbContext>
{
    public PostgreSqlAppraisalDbContext CreateDbContext(string[] args) =>
        new(AppraisalDatabase.PostgreSqlOptions<PostgreSqlAppraisalDbContext>("Host=localhost;Database=design_time").Options);
}
