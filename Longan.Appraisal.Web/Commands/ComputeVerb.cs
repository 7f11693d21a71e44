using System.Diagnostics;
using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Core.Security;

namespace Longan.Appraisal.Web.Commands;

/// <summary>`compute --year &lt;yyyy&gt;`: computes and stores the year's results (any state but Draft).</summary>
public sealed class ComputeVerb : IAdminVerb
{
    public string Name => "compute";
    public string Usage => "compute --year <yyyy>";
    public string Description => "计算并保存该年度考核结果（草稿状态除外）";

    public async Task<int> RunAsync(VerbArguments arguments, IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        var (cycle, exit) = await YearCycle.FindAsync(this, arguments, services, output, ct);
        if (cycle is null)
        {
            return exit;
        }
        var year = cycle.Year;
        var clock = Stopwatch.StartNew();
        var summary = await services.GetRequiredService<ResultService>().ComputeAsync(Caller.System, cycle.Id, ct);
        await output.WriteLineAsync(summary.Unchanged
            ? $"数据没有变化，结果仍为第 {summary.Number} 版（{summary.Assistants} 人，{summary.Complete} 人数据齐全）。"
            : $"已计算 {year} 年度结果第 {summary.Number} 版：{summary.Assistants} 人，{summary.Complete} 人数据齐全，用时 {clock.Elapsed.TotalSeconds:0.00} 秒" +
              $"（读取 {summary.Load.TotalSeconds:0.00}、计算 {summary.Scoring.TotalSeconds:0.00}、保存 {summary.Store.TotalSeconds:0.00}）。");
        return AdminCommandLine.ExitOk;
    }
}
