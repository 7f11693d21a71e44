using Longan.Appraisal.Core.Features.Imports;
using Longan.Appraisal.Core.Security;

namespace Longan.Appraisal.Web.Commands;

/// <summary>`import-roster &lt;file.xlsx&gt;`: upserts assistants from a 助理员名册 workbook (all-or-nothing).</summary>
public sealed class ImportRosterVerb : IAdminVerb
{
    public string Name => "import-roster";
    public string Usage => "import-roster <file.xlsx>";
    public string Description => "导入助理员名册（按编号新增或更新；有错误则全部不导入）";

    public async Task<int> RunAsync(VerbArguments arguments, IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        if (arguments.Positional.Count != 1)
        {
            await output.WriteLineAsync("用法：" + Usage);
            return AdminCommandLine.ExitUsage;
        }
        var path = arguments.Positional[0];
        var summary = await services.GetRequiredService<RosterImportService>()
            .ImportAsync(Caller.System, await ImportFile.ReadAsync(path, ct), path, ct);
        await output.WriteLineAsync(
            $"已导入 {summary.Rows} 行：新增助理员 {summary.NewAssistants} 名、更新 {summary.UpdatedAssistants} 名，新增乡镇 {summary.NewTownships} 个、行政村 {summary.NewVillages} 个、任职 {summary.NewPostings} 条。");
        return AdminCommandLine.ExitOk;
    }
}
