using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Tests.Infrastructure;
using Longan.Appraisal.Web.Commands;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Tests.Web.Commands;

/// <summary>The admin verbs run in-process exactly as `dotnet run --project Longan.Appraisal.Web -- verb` runs them.</summary>
public sealed class AdminCommandLineTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"longan-cli-{Guid.NewGuid():N}.db");
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    private string Database => $"--ConnectionStrings:Appraisal=Data Source={_path};Pooling=False";

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(new[] { "migrate" }, true)]
    [InlineData(new[] { "seed-demo" }, true)]
    [InlineData(new[] { "--urls", "http://127.0.0.1:5000" }, false)]
    [InlineData(new string[0], false)]
    public void IsVerb_FirstArgumentNotAnOption(string[] args, bool expected) => Assert.Equal(expected, AdminCommandLine.IsVerb(args));

    [Fact]
    public async Task Run_UnknownVerb_PrintsUsageAndExitsNonZero()
    {
        var code = await AdminCommandLine.RunAsync(["frobnicate", Database], _out, _err);

        Assert.Equal(AdminCommandLine.ExitUsage, code);
        var text = _err.ToString();
        Assert.Contains("未知命令：frobnicate", text);
        Assert.Contains("migrate", text);
        Assert.Contains("seed-demo", text);
        Assert.False(File.Exists(_path));
    }

    [Fact]
    public async Task Run_VerifyAudit_IntactAfterSeeding_FailsNamingTheRecordOnceOneIsEdited()
    {
        Assert.Equal(AdminCommandLine.ExitOk, await AdminCommandLine.RunAsync(["seed-demo", Database, "--environment=Development"], _out, _err));

        Assert.Equal(AdminCommandLine.ExitOk, await AdminCommandLine.RunAsync(["verify-audit", Database], _out, _err));
        Assert.Contains("审计日志完整", _out.ToString());
        var checkpoint = System.Text.RegularExpressions.Regex.Match(_out.ToString(), "本次核验点：(#[0-9]+:[0-9a-f]{16})").Groups[1].Value;
        Assert.Equal(AdminCommandLine.ExitOk, await AdminCommandLine.RunAsync(["verify-audit", "--checkpoint", checkpoint, Database], _out, _err));
        Assert.Contains($"与核验点 {checkpoint} 相符", _out.ToString());
        Assert.Equal(AdminCommandLine.ExitFailed, await AdminCommandLine.RunAsync(["verify-audit", "--checkpoint", checkpoint[..^1] + (checkpoint[^1] == '0' ? "1" : "0"), Database], _out, _err));
        Assert.Contains("与上次记下的核验点不符", _out.ToString());

        await using (var connection = new SqliteConnection($"Data Source={_path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE AuditRecords SET Summary = '演示县：什么也没有新增' WHERE Id = 1";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }
        Assert.Equal(AdminCommandLine.ExitFailed, await AdminCommandLine.RunAsync(["verify-audit", Database], _out, _err));
        Assert.Contains("审计日志被篡改，问题出在第 1 条", _out.ToString());
    }

    [Theory]
    [InlineData(new[] { "export-cards", "--year", "2025", "--out", "x.pdf", "--townshp", "那桐镇" }, "export-cards：不认识的选项 --townshp。")]
    [InlineData(new[] { "export-cards", "--year", "2025", "--out", "x.pdf", "那桐镇" }, "export-cards：多余的参数“那桐镇”（选项要写成 --名称 值）。")]
    [InlineData(new[] { "export-cards", "--year", "2025", "--out", "x.pdf", "--township" }, "export-cards：选项 --township 后面要写上它的值。")]
    [InlineData(new[] { "import-ballots", "a.xlsx", "--year", "2026", "--replace", "b.xlsx" }, "import-ballots：选项 --replace 不带值，多出了“b.xlsx”。")]
    [InlineData(new[] { "import-roster", "a.xlsx", "b.xlsx" }, "import-roster：多余的参数“b.xlsx”（选项要写成 --名称 值）。")]
    [InlineData(new[] { "compute", "--year=2025" }, "compute：选项要写成 --year 2025（中间用空格，不用等号）。")]
    public async Task Run_ArgumentsOutsideTheUsage_RefusedWithTheUsage_NothingDone(string[] args, string message)
    {
        var code = await AdminCommandLine.RunAsync([.. args, Database], _out, _err);

        Assert.Equal(AdminCommandLine.ExitUsage, code);
        Assert.StartsWith(message, _err.ToString());
        Assert.Contains("用法：" + args[0], _err.ToString());
        Assert.False(File.Exists(_path));
    }

    [Fact]
    public void Mismatch_EveryVerbsOwnUsage_Fits()
    {
        foreach (var verb in AdminCommandLine.Verbs)
        {
            var example = System.Text.RegularExpressions.Regex.Replace(verb.Usage.Replace("[", "").Replace("]", ""), "<[^>]+>", "v").Split(' ')[1..];
            Assert.Null(new VerbArguments([.. example, "--environment=Development"]).Mismatch(verb.Usage));
        }
    }

    [Fact]
    public async Task Export_IntoAFolderThatDoesNotExist_SaysSoInChinese()
    {
        Assert.Equal(AdminCommandLine.ExitOk, await AdminCommandLine.RunAsync(["migrate", Database], _out, _err));
        var nowhere = Path.Combine(Path.GetTempPath(), $"longan-none-{Guid.NewGuid():N}", "x.pdf");

        var code = await AdminCommandLine.RunAsync(["export-cards", "--year", "2025", "--out", nowhere, Database], _out, _err);

        Assert.Equal(AdminCommandLine.ExitFailed, code);
        Assert.Contains($"无法写入“{nowhere}”：文件夹“{Path.GetDirectoryName(nowhere)}”不存在。", _out.ToString());
    }

    [Theory]
    [InlineData("help")]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Run_Help_PrintsUsageAndSucceeds_WithoutStartingTheServer(string help)
    {
        Assert.True(AdminCommandLine.IsVerb([help]));
        Assert.Equal(AdminCommandLine.ExitOk, await AdminCommandLine.RunAsync([help], _out, _err));
        Assert.Contains("用法", _out.ToString());
        Assert.Empty(_err.ToString());
    }

    [Fact]
    public void IsVerb_HostOptionsFirst_StartTheServer() => Assert.False(AdminCommandLine.IsVerb(["--urls", "http://127.0.0.1:5000"]));

    [Fact]
    public async Task Run_Migrate_CreatesTheConfiguredDatabaseWithoutDemoData()
    {
        var code = await AdminCommandLine.RunAsync(["migrate", Database, "--environment=Development"], _out, _err);

        Assert.Equal(AdminCommandLine.ExitOk, code);
        Assert.Contains(_path, _out.ToString());
        await using var db = new AppraisalDbContext(new DbContextOptionsBuilder<AppraisalDbContext>().UseSqlite(TestDatabase.ConnectionString(_path)).Options);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db.Townships.CountAsync());
    }

    [Theory]
    [InlineData("--Appraisal:Database=Oracle", "Appraisal:Database 只能是 Sqlite 或 PostgreSQL，而不是“Oracle”")]
    [InlineData("--Appraisal:Database=PostgreSQL", "需要在 ConnectionStrings:Appraisal")]
    public async Task Run_ProviderMisnamedOrWithoutConnection_RefusedByNameWithoutAStackTrace(string setting, string message)
    {
        var code = await AdminCommandLine.RunAsync(["migrate", setting], _out, _err);

        Assert.Equal(AdminCommandLine.ExitFailed, code);
        Assert.Contains("migrate 失败：", _err.ToString());
        Assert.Contains(message, _err.ToString());
        Assert.DoesNotContain("   at ", _err.ToString());
    }

    [Fact]
    public async Task Run_SeedDemo_LoadsTheCountyOnceAndReportsIt()
    {
        var first = await AdminCommandLine.RunAsync(["seed-demo", Database, "--environment=Development"], _out, _err);
        var second = await AdminCommandLine.RunAsync(["seed-demo", Database, "--environment=Development"], _out, _err);

        Assert.Equal((0, 0), (first, second));
        var lines = _out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("新增乡镇 10 个、行政村 60 个", lines[0]);
        Assert.Contains("新增乡镇 0 个、行政村 0 个", lines[1]);
    }

    [Fact]
    public async Task Run_SeedDemo_InProduction_RefusedAndLoadsNothing()
    {
        var code = await AdminCommandLine.RunAsync(["seed-demo", Database, "--environment=Production"], _out, _err);

        Assert.Equal(AdminCommandLine.ExitFailed, code);
        Assert.Contains("生产环境不载入演示数据", _out.ToString() + _err.ToString());
        await using var db = new AppraisalDbContext(new DbContextOptionsBuilder<AppraisalDbContext>().UseSqlite(TestDatabase.ConnectionString(_path)).Options);
        Assert.Equal(0, await db.Townships.CountAsync());
    }

    [Fact]
    public void VerbArguments_ParsesOptionsFlagsAndPositionals()
    {
        var args = new VerbArguments(["file.xlsx", "--year", "2026", "--replace", "--out", "x.pdf"]);

        Assert.Equal(["file.xlsx"], args.Positional);
        Assert.Equal("2026", args.Option("year"));
        Assert.True(args.Has("replace"));
        Assert.Null(args.Option("replace"));
        Assert.Equal("x.pdf", args.Option("out"));
    }

    [Fact]
    public async Task Run_ImportRosterThenBallots_CreatesAndOpensTheCycle_ThenReplaceAndDuplicate()
    {
        var roster = Path.Combine(Path.GetTempPath(), $"longan-roster-{Guid.NewGuid():N}.xlsx");
        var ballots = Path.Combine(Path.GetTempPath(), $"longan-ballots-{Guid.NewGuid():N}.xlsx");
        try
        {
            await File.WriteAllBytesAsync(roster, new Xlsx().Sheet("助理员名册",
                Xlsx.Row("编号", "姓名", "乡镇", "驻村", "任期开始"), Xlsx.Row("007", "黄秀珍", "那桐镇", "浪湾村", "2026-03-01")).Bytes());
            await File.WriteAllBytesAsync(ballots, new Xlsx().Sheet("党员干部评议", Xlsx.Row("助理员编号", "等次"), Xlsx.Row("007", "优秀"), Xlsx.Row("007", "称职")).Bytes());

            var imported = await AdminCommandLine.RunAsync(["import-roster", roster, Database], _out, _err);
            var first = await AdminCommandLine.RunAsync(["import-ballots", ballots, "--year", "2026", Database], _out, _err);
            var duplicate = await AdminCommandLine.RunAsync(["import-ballots", ballots, "--year", "2026", Database], _out, _err);
            var replaced = await AdminCommandLine.RunAsync(["import-ballots", ballots, "--year", "2026", "--replace", Database], _out, _err);

            Assert.Equal((0, 0, 1, 0), (imported, first, duplicate, replaced));
            var output = _out.ToString();
            Assert.Contains("新增助理员 1 名", output);
            Assert.Contains("已按默认规则创建 2026 年度考核并开始采集", output);
            Assert.Contains("党员干部评议 2", output);
            Assert.Contains("已替换原导入", output);
            Assert.Contains("同一个文件已于", _err.ToString());
            await using var db = new AppraisalDbContext(new DbContextOptionsBuilder<AppraisalDbContext>().UseSqlite(TestDatabase.ConnectionString(_path)).Options);
            Assert.Equal(2, await db.CadreBallots.CountAsync());
        }
        finally
        {
            File.Delete(roster);
            File.Delete(ballots);
        }
    }

    [Fact]
    public async Task Run_ImportBallots_BadRows_ListsEachAndExitsNonZero()
    {
        var ballots = Path.Combine(Path.GetTempPath(), $"longan-ballots-{Guid.NewGuid():N}.xlsx");
        try
        {
            await File.WriteAllBytesAsync(ballots, new Xlsx().Sheet("党员干部评议", Xlsx.Row("助理员编号", "等次"), Xlsx.Row("NOPE", "良好")).Bytes());

            var code = await AdminCommandLine.RunAsync(["import-ballots", ballots, "--year", "2026", Database], _out, _err);

            Assert.Equal(AdminCommandLine.ExitFailed, code);
            Assert.Contains("党员干部评议 第 2 行 助理员编号（NOPE）", _err.ToString());
            Assert.Contains("党员干部评议 第 2 行 等次（良好）：只能填：优秀、称职、基本称职、不称职。", _err.ToString());
        }
        finally
        {
            File.Delete(ballots);
        }
    }

    [Fact]
    public async Task Run_ImportBallots_RefusedFile_CreatesNoCycleAndRecordsNothing()
    {
        var ballots = Path.Combine(Path.GetTempPath(), $"longan-ballots-{Guid.NewGuid():N}.xlsx");
        try
        {
            Assert.Equal(AdminCommandLine.ExitOk, await AdminCommandLine.RunAsync(["migrate", Database], _out, _err));
            var trailBefore = await CountAsync("SELECT COUNT(*) FROM AuditRecords");
            await File.WriteAllBytesAsync(ballots, new Xlsx().Sheet("党员干部评议", Xlsx.Row("助理员编号", "等次"), Xlsx.Row("NOPE", "良好")).Bytes());

            var code = await AdminCommandLine.RunAsync(["import-ballots", ballots, "--year", "2027", Database], _out, _err);

            Assert.Equal(AdminCommandLine.ExitFailed, code);
            Assert.DoesNotContain("已按默认规则创建", _out.ToString());
            Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM Cycles"));
            Assert.Equal(trailBefore, await CountAsync("SELECT COUNT(*) FROM AuditRecords"));
        }
        finally
        {
            File.Delete(ballots);
        }
    }

    public static TheoryData<string> Bombs() => new() { "sheet", "strings" };

    /// <summary>
    /// The probe's bombs given to the verb in a process of its own (as an operator runs it): refused
    /// with the reason, exit 1, no cycle created, and the process never near the gigabytes that
    /// loading them took (exit 134 after an out-of-memory abort).
    /// </summary>
    [Theory]
    [MemberData(nameof(Bombs))]
    public async Task ImportBallotsProcess_Bomb_RefusedWithLittleMemoryAndNothingCreated(string shape)
    {
        var bomb = shape == "sheet" ? WorkbookBombs.SheetBombPath : WorkbookBombs.SharedStringsBombPath;
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { SolutionPaths.WebAssembly, "import-ballots", bomb, "--year", "2026", Database })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        long peakKilobytes = 0;
        while (!process.HasExited)
        {
            peakKilobytes = Math.Max(peakKilobytes, PeakResidentKilobytes(process.Id));
            await Task.Delay(10);
        }
        await process.WaitForExitAsync();

        Assert.Equal(AdminCommandLine.ExitFailed, process.ExitCode);
        Assert.Contains("可能是恶意构造的压缩文件，已拒绝", await stderr);
        Assert.InRange(peakKilobytes, 1, 300 * 1024);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM Cycles"));
    }

    /// <summary>The most memory the process has held so far (VmHWM), or 0 once it is gone.</summary>
    private static long PeakResidentKilobytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task ComputeAndExports_OnTheDemoCounty_WriteTheWorkbooks()
    {
        var results = Path.Combine(Path.GetTempPath(), $"longan-results-{Guid.NewGuid():N}.xlsx");
        var candidates = Path.Combine(Path.GetTempPath(), $"longan-candidates-{Guid.NewGuid():N}.xlsx");
        var cards = Path.Combine(Path.GetTempPath(), $"longan-cards-{Guid.NewGuid():N}.pdf");
        try
        {
            Assert.Equal(AdminCommandLine.ExitOk, await AdminCommandLine.RunAsync(["seed-demo", Database, "--environment=Development"], _out, _err));

            var published = await AdminCommandLine.RunAsync(["compute", "--year", "2025", Database], _out, _err);
            var missing = await AdminCommandLine.RunAsync(["compute", "--year", "2031", Database], _out, _err);
            var exported = await AdminCommandLine.RunAsync(["export-results", "--year", "2025", "--out", results, Database], _out, _err);
            var listed = await AdminCommandLine.RunAsync(["export-candidates", "--year", "2025", "--out", candidates, Database], _out, _err);
            var usage = await AdminCommandLine.RunAsync(["export-candidates", "--year", "2025", Database], _out, _err);
            var printed = await AdminCommandLine.RunAsync(["export-cards", "--year", "2025", "--township", "那桐镇", "--out", cards, Database], _out, _err);
            var nowhere = await AdminCommandLine.RunAsync(["export-cards", "--year", "2025", "--township", "不存在镇", "--out", cards + ".x", Database], _out, _err);

            // A published year is frozen: compute refuses it with the reason.
            Assert.Equal((1, 1, 0, 0, 2, 0, 1), (published, missing, exported, listed, usage, printed, nowhere));
            Assert.Contains("没有名为“不存在镇”的乡镇", _out.ToString());
            using (var pdf = UglyToad.PdfPig.PdfDocument.Open(cards))
            {
                Assert.Contains("那桐镇", pdf.GetPage(1).Text);
            }
            Assert.False(File.Exists(cards + ".x"));
            var text = _out.ToString() + _err.ToString();
            Assert.Contains("已公布并冻结", text);
            Assert.Contains("没有 2031 年度的考核", text);
            using var resultsBook = new ClosedXML.Excel.XLWorkbook(results);
            Assert.Equal(41, resultsBook.Worksheet("考核结果").LastRowUsed()!.RowNumber());
            using var candidatesBook = new ClosedXML.Excel.XLWorkbook(candidates);
            Assert.True(candidatesBook.Worksheet("后备干部人选").LastRowUsed()!.RowNumber() >= 2);
        }
        finally
        {
            File.Delete(results);
            File.Delete(candidates);
            File.Delete(cards);
        }
    }
}
