using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Persistence.Backups;

namespace Longan.Appraisal.Web.Commands;

/// <summary>
/// `backup --out &lt;file&gt; [--overwrite]`: a consistent copy of the database while the portal runs
/// (SQLite's online backup, or pg_dump's custom format on PostgreSQL), checked before it is given the
/// name asked for. An existing file is replaced only with --overwrite (ours, beyond the contract).
/// </summary>
public sealed class BackupVerb : IAdminVerb
{
    public string Name => "backup";
    public string Usage => "backup --out <file> [--overwrite]";
    public string Description => "系统运行时备份数据库（一致的副本，并检查副本；已有文件只在 --overwrite 时替换）";

    public async Task<int> RunAsync(VerbArguments arguments, IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        if (arguments.Option("out") is not { } path)
        {
            await output.WriteLineAsync("用法：" + Usage);
            return AdminCommandLine.ExitUsage;
        }
        if (OutputFile.Problem(path) is { } problem)
        {
            await output.WriteLineAsync(problem);
            return AdminCommandLine.ExitFailed;
        }
        var report = await services.GetRequiredService<DatabaseBackup>().WriteAsync(path, arguments.Has("overwrite"), ct);
        var contents = report.Contents;
        var method = report.Provider == DatabaseProvider.PostgreSQL ? "pg_dump 自定义格式" : "SQLite 在线备份";
        await output.WriteLineAsync($"已备份到 {report.Path}（{method}，{Size(report.Bytes)}，用时 {report.Elapsed.TotalSeconds:0.00} 秒，其中复制 {report.Copying.TotalSeconds:0.00} 秒、检查 {(report.Elapsed - report.Copying).TotalSeconds:0.00} 秒）。");
        await output.WriteLineAsync($"副本内容：助理员 {contents.Assistants} 名，评议数据 {contents.Entries} 条，审计记录 {contents.AuditRecords} 条，" +
            $"迁移 {contents.Migrations.Count} 个（最新 {contents.Migrations.LastOrDefault() ?? "无"}）。");
        await output.WriteLineAsync(contents.LatestResult is { } latest
            ? $"最新一版结果：{latest.Year} 年度第 {latest.Number} 版，指纹 {latest.Fingerprint}。"
            : "还没有计算过结果。");
        await output.WriteLineAsync($"检查通过：{report.Check}。");
        return AdminCommandLine.ExitOk;
    }

    private static string Size(long bytes) => bytes switch
    {
        >= 1 << 30 => $"{bytes / (double)(1 << 30):0.00} GB",
        >= 1 << 20 => $"{bytes / (double)(1 << 20):0.0} MB",
        _ => $"{bytes / 1024.0:0.0} KB",
    };
}
