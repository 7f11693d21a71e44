using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Longan.Appraisal.Core.Persistence;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the web host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppraisalDbContext>
{
    public AppraisalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AppraisalDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
