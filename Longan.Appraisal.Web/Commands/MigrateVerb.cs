using Longan.Appraisal.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Web.Commands;

/// <summary>`migrate`: brings the database up to date (the dispatcher already applied the migrations) and says where it is.</summary>
public sealed class MigrateVerb : IAdminVerb
{
    public string Name => "migrate";
    public string Usage => "migrate";
    public string Description => "应用数据库迁移（数据库不存在时创建）";

    public async Task<int> RunAsync(VerbArguments arguments, IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AppraisalDbContext>>().CreateDbContextAsync(ct);
        var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();
        await output.WriteLineAsync($"数据库已是最新：{db.Database.GetDbConnection().DataSource}");
        await output.WriteLineAsync($"已应用迁移 {applied.Count} 个，最新：{applied.LastOrDefault() ?? "无"}");
        return AdminCommandLine.ExitOk;
    }
}
