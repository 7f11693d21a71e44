using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Core.Security;

namespace Longan.Appraisal.Web.Commands;

/// <summary>`export-results --year &lt;yyyy&gt; --out &lt;file.xlsx&gt;`: writes 考核结果.xlsx of the latest result version.</summary>
public sealed class ExportResultsVerb : IAdminVerb
{
    public string Name => "export-results";
    public string Usage => "export-results --year <yyyy> --out <file.xlsx>";
    public string Description => "导出考核结果.xlsx（最新一版结果）";

    public async Task<int> RunAsync(VerbArguments arguments, IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        var (cycle, exit) = await YearCycle.FindAsync(this, arguments, services, output, ct, needsOut: true);
        if (cycle is null)
        {
            return exit;
        }
        var (year, path) = (cycle.Year, arguments.Option("out")!);
        var rows = await OutputFile.WriteAsync(path, file => services.GetRequiredService<ResultExportService>().ExportAsync(Caller.System, cycle.Id, file, ct: ct));
        await output.WriteLineAsync($"已导出 {year} 年度考核结果（{rows} 行）：{Path.GetFullPath(path)}（{new FileInfo(path).Length / 1024} KB）。");
        return AdminCommandLine.ExitOk;
    }
}
