using System.Diagnostics;
using System.Globalization;
using Longan.Appraisal.Core.Features.Cards;
using Longan.Appraisal.Core.Features.Townships;
using Longan.Appraisal.Core.Security;

namespace Longan.Appraisal.Web.Commands;

/// <summary>
/// `export-cards --year &lt;yyyy&gt; --out &lt;file.pdf&gt; [--township &lt;name&gt;] [--assistant &lt;编号&gt;]`: the report
/// cards of the latest result version as one PDF with a cover page, in 乡镇 then 全县排名 order.
/// </summary>
public sealed class ExportCardsVerb : IAdminVerb
{
    public string Name => "export-cards";
    public string Usage => "export-cards --year <yyyy> --out <file.pdf> [--township <name>] [--assistant <编号>]";
    public string Description => "导出考核结果报告卡 PDF（全县、一个乡镇或一名助理员）";

    public async Task<int> RunAsync(VerbArguments arguments, IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        var (cycle, exit) = await YearCycle.FindAsync(this, arguments, services, output, ct, needsOut: true);
        if (cycle is null)
        {
            return exit;
        }
        var (year, path) = (cycle.Year, arguments.Option("out")!);
        int? townshipId = null;
        if (arguments.Option("township") is { } name)
        {
            var township = (await services.GetRequiredService<TownshipService>().ListAsync(Caller.System, ct)).FirstOrDefault(t => t.Name == name);
            if (township is null)
            {
                await output.WriteLineAsync($"没有名为“{name}”的乡镇。");
                return AdminCommandLine.ExitFailed;
            }
            townshipId = township.Id;
        }
        var watch = Stopwatch.StartNew();
        // Written to a temporary file first: a failed run never leaves half a PDF under the requested name.
        var count = await OutputFile.WriteAsync(path, file =>
            services.GetRequiredService<ReportCardService>().WriteBatchAsync(Caller.System, cycle.Id, townshipId, arguments.Option("assistant"), file, ct: ct));
        var seconds = watch.Elapsed.TotalSeconds;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"已导出 {year} 年度报告卡 {count} 份：{Path.GetFullPath(path)}（{new FileInfo(path).Length / 1024} KB），用时 {seconds:0.0} 秒（每秒 {count / seconds:0} 份）。"));
        return AdminCommandLine.ExitOk;
    }
}
