using Longan.Appraisal.Core.Persistence.Seeding;

namespace Longan.Appraisal.Web.Commands;

/// <summary>`seed-demo`: loads the demo county (idempotent). Refused in Production, where demo logins would be a hole.</summary>
public sealed class SeedDemoVerb : IAdminVerb
{
    public string Name => "seed-demo";
    public string Usage => "seed-demo";
    public string Description => "载入演示县数据（可重复执行；生产环境拒绝）";

    public async Task<int> RunAsync(VerbArguments arguments, IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        if (services.GetRequiredService<IHostEnvironment>().IsProduction())
        {
            await output.WriteLineAsync("生产环境不载入演示数据（演示账号的密码是公开的）。如确需演示，请设置 ASPNETCORE_ENVIRONMENT=Development 或 Staging。");
            return AdminCommandLine.ExitFailed;
        }
        var result = await services.GetRequiredService<DemoCountySeeder>().SeedAsync(ct);
        await output.WriteLineAsync(
            $"演示县已就绪：新增乡镇 {result.Townships} 个、行政村 {result.Villages} 个、助理员 {result.Assistants} 名、五老监督员 {result.Supervisors} 名、账号 {result.Accounts} 个、{DemoCountySeeder.PublishedYear} 年度已公布考核的评议数据 {result.PublishedYearEntries} 条（已有的数据不变）。");
        return AdminCommandLine.ExitOk;
    }
}
