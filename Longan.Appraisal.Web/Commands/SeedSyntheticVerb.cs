using System.Diagnostics;
using System.Globalization;
using Longan.Appraisal.Core.Persistence.Seeding;

namespace Longan.Appraisal.Web.Commands;

/// <summary>`seed-synthetic --assistants &lt;n&gt; --year &lt;yyyy&gt;`: a large deterministic county for scale tests and demos.</summary>
public sealed class SeedSyntheticVerb : IAdminVerb
{
    public string Name => "seed-synthetic";
    public string Usage => "seed-synthetic --assistants <n> --year <yyyy>";
    public string Description => "生成合成县数据（规模测试用；同一 n 结果相同；生产环境拒绝）";

    public async Task<int> RunAsync(VerbArguments arguments, IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        if (!int.TryParse(arguments.Option("assistants"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1
            || !int.TryParse(arguments.Option("year"), NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            await output.WriteLineAsync("用法：" + Usage);
            return AdminCommandLine.ExitUsage;
        }
        if (services.GetRequiredService<IHostEnvironment>().IsProduction())
        {
            await output.WriteLineAsync("生产环境不生成合成数据。请设置 ASPNETCORE_ENVIRONMENT=Development 或 Staging。");
            return AdminCommandLine.ExitFailed;
        }
        var clock = Stopwatch.StartNew();
        var result = await services.GetRequiredService<SyntheticCounty>().GenerateAsync(n, year, ct);
        await output.WriteLineAsync(result.AlreadyPresent
            ? $"合成数据已存在（{year} 年度），未重复生成。"
            : $"已生成 {result.Assistants} 名助理员及其 {year} 年度评议数据 {result.Entries} 条，用时 {clock.Elapsed.TotalSeconds:0.0} 秒。");
        return AdminCommandLine.ExitOk;
    }
}
