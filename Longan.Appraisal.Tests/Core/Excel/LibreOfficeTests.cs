using System.Diagnostics;
using Longan.Appraisal.Core.Features.Results;

namespace Longan.Appraisal.Tests.Core.Excel;

/// <summary>
/// A third spreadsheet program opens the streamed workbooks (issue 14): LibreOffice headless
/// (Debian libreoffice-calc-nogui) converts them to CSV as their cells are shown, so the formats,
/// text codes and neutralised formulas are checked as a user would see them.
/// </summary>
public sealed class LibreOfficeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("longan-lo-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ConvertToCsv_ResultsAndCandidates_ShownAsTheContractSays()
    {
        await File.WriteAllBytesAsync(Path.Combine(_folder, "results.xlsx"), ExportWorkbookTests.ResultsFile());
        await using (var candidates = File.Create(Path.Combine(_folder, "candidates.xlsx")))
        {
            CandidatesWorkbook.Write(2026, [new CandidateRow("韦小宝", "男", "壮族", new DateOnly(1990, 5, 4), 36, "中共党员", "本科", "县农业农村局科员",
                "那桐镇", "那桐村", 2026, 97.456m, "优秀", 1, "2025年 优秀", "2026年度考核“优秀”", "")], candidates);
        }

        await ConvertAsync("results.xlsx", "candidates.xlsx");

        var results = await File.ReadAllLinesAsync(Path.Combine(_folder, "results.csv"));
        Assert.Equal(string.Join(',', ResultsWorkbook.Headers), results[0]);
        Assert.Equal(4, results.Length);
        Assert.StartsWith("1,007,韦小宝,那桐镇,那桐村,97.50,93.33%,1.67%,98.46,96.67,3.00,0.00,100.00,优秀,1,推荐列入科级后备干部人选,", results[1], StringComparison.Ordinal);
        Assert.StartsWith("2,LA0020,\"=HYPERLINK(\"\"x\"\")\",城厢镇,-村,84.00,50.00%,25.00%,", results[2], StringComparison.Ordinal);
        Assert.EndsWith(",@备注", results[2], StringComparison.Ordinal);
        Assert.StartsWith(",0010,+86 电话,城厢镇,", results[3], StringComparison.Ordinal);
        Assert.Contains(",,,,,,0.00,0.00,,数据不足,,,群众评议不足 _x0041_ 原样", results[3], StringComparison.Ordinal);

        var list = await File.ReadAllLinesAsync(Path.Combine(_folder, "candidates.csv"));
        Assert.Equal(string.Join(',', CandidatesWorkbook.Headers), list[0]);
        Assert.Equal("1,韦小宝,男,壮族,1990-05-04,36,中共党员,本科,县农业农村局科员,那桐镇,那桐村,2026,97.46,优秀,1,2025年 优秀,2026年度考核“优秀”,", list[1]);
    }

    private async Task ConvertAsync(params string[] files)
    {
        // Comma, double quote, UTF-8; text quoted only where needed, cells as shown (formats applied).
        // A private profile: parallel runs (and a user's own LibreOffice) do not clash over one.
        var profile = Path.Combine(_folder, "profile");
        var start = new ProcessStartInfo("soffice")
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])[$"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true", "--outdir", _folder, .. files])
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"LibreOffice did not convert within 90 s: {await output} {await error}");
        }
        Assert.True(process.ExitCode == 0, $"soffice exited {process.ExitCode}: {await output} {await error}");
    }
}
