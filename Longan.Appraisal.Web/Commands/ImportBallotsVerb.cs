using System.Globalization;
using Longan.Appraisal.Core.Features.Imports;
using Longan.Appraisal.Core.Security;

namespace Longan.Appraisal.Web.Commands;

/// <summary>
/// `import-ballots &lt;file.xlsx&gt; --year &lt;yyyy&gt; [--replace]`: imports a 评议数据 workbook into the
/// year's cycle, which is created with the default rules and opened for collection when absent —
/// in the same transaction as the import, so a refused file creates nothing.
/// </summary>
public sealed class ImportBallotsVerb : IAdminVerb
{
    public string Name => "import-ballots";
    public string Usage => "import-ballots <file.xlsx> --year <yyyy> [--replace]";
    public string Description => "导入评议数据（年度不存在时按默认规则创建并开始采集）";

    public async Task<int> RunAsync(VerbArguments arguments, IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        if (arguments.Positional.Count != 1 || !int.TryParse(arguments.Option("year"), NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            await output.WriteLineAsync("用法：" + Usage);
            return AdminCommandLine.ExitUsage;
        }
        var path = arguments.Positional[0];
        var content = await ImportFile.ReadAsync(path, ct);
        var (summary, created) = await services.GetRequiredService<BallotImportService>()
            .ImportIntoYearAsync(Caller.System, year, content, path, arguments.Has("replace"), ct);
        if (created)
        {
            await output.WriteLineAsync($"已按默认规则创建 {year} 年度考核并开始采集。");
        }
        await output.WriteLineAsync(
            $"{(summary.Replaced ? "已替换原导入并" : "已")}导入 {summary.Rows} 行到 {year} 年度：群众评议 {summary.Tallies}、群众意见 {summary.Comments}、党组织评议 {summary.PartyBallots}、" +
            $"党员干部评议 {summary.CadreBallots}、五老监督 {summary.Records}、驻村考勤 {summary.AttendanceMonths}。");
        return AdminCommandLine.ExitOk;
    }
}
