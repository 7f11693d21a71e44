using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Core.Security;

namespace Longan.Appraisal.Web.Commands;

/// <summary>`export-candidates --year &lt;yyyy&gt; --out &lt;file.xlsx&gt;`: writes 后备干部人选.xlsx from the latest result version.</summary>
public sealed class ExportCandidatesVerb : IAdminVerb
{
    public string Name => "export-candidates";
    public string Usage => "export-candidates --year <yyyy> --out <file.xlsx>";
    public string Description => "导出后备干部人选.xlsx（最新一版结果中处理建议含推荐列入科级后备干部人选者）";

    public async Task<int> RunAsync(VerbArguments arguments, IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        var (cycle, exit) = await YearCycle.FindAsync(this, arguments, services, output, ct, needsOut: true);
        if (cycle is null)
        {
            return exit;
        }
        var (year, path) = (cycle.Year, arguments.Option("out")!);
        var rows = await OutputFile.WriteAsync(path, file => services.GetRequiredService<CandidateExportService>().ExportAsync(Caller.System, cycle.Id, file, ct));
        await output.WriteLineAsync($"已导出 {year} 年度后备干部人选（{rows} 行）：{Path.GetFullPath(path)}（{new FileInfo(path).Length / 1024} KB）。");
        return AdminCommandLine.ExitOk;
    }
}
