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
    public async Task Run_Help_PrintsUsageAndSucceeds()
    {
        Assert.Equal(AdminCommandLine.ExitOk, await AdminCommandLine.RunAsync(["help"], _out, _err));
        Assert.Contains("用法", _out.ToString());
    }

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
}
