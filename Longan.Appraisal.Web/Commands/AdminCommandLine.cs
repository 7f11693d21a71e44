using Longan.Appraisal.Core;
using Longan.Appraisal.Core.Excel;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Persistence.Backups;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Web.Commands;

/// <summary>
/// Dispatches `dotnet run --project Longan.Appraisal.Web -- &lt;verb&gt; [options]`: every verb first
/// applies pending migrations to the portal's database, runs, prints what it did and exits; no
/// verb starts the web server.
/// </summary>
public static class AdminCommandLine
{
    public const int ExitOk = 0;
    public const int ExitFailed = 1;
    public const int ExitUsage = 2;

    /// <summary>The verbs, in the order the usage lists them. Later features add theirs here.</summary>
    public static IReadOnlyList<IAdminVerb> Verbs { get; } =
    [
        new MigrateVerb(),
        new SeedDemoVerb(),
        new ImportRosterVerb(),
        new ImportBallotsVerb(),
        new ComputeVerb(),
        new ExportResultsVerb(),
        new ExportCandidatesVerb(),
        new ExportCardsVerb(),
        new SeedSyntheticVerb(),
        new VerifyAuditVerb(),
        new BallotSessionVerb(),
        new BackupVerb(),
    ];

    /// <summary>A first argument that is not an option (--urls etc.) names a verb; --help and -h ask for the usage, not the server.</summary>
    public static bool IsVerb(string[] args) => args.Length > 0 && (!args[0].StartsWith('-') || IsHelp(args[0]));

    private static bool IsHelp(string argument) => argument is "help" or "usage" or "--help" or "-h" or "-?";

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var verb = Verbs.FirstOrDefault(v => v.Name == args[0]);
        if (verb is null)
        {
            if (!IsHelp(args[0]))
            {
                await error.WriteLineAsync($"未知命令：{args[0]}");
            }
            await WriteUsageAsync(IsHelp(args[0]) ? output : error);
            return IsHelp(args[0]) ? ExitOk : ExitUsage;
        }

        var arguments = new VerbArguments(args.Skip(1));
        if (arguments.Mismatch(verb.Usage) is { } mismatch)
        {
            await error.WriteLineAsync($"{verb.Name}：{mismatch}。");
            await error.WriteLineAsync("用法：" + verb.Usage);
            return ExitUsage;
        }

        // The same configuration as the portal (appsettings, environment, ConnectionStrings__Appraisal),
        // without starting a server.
        // Only --key=value settings reach the configuration: a file path such as /tmp/x.xlsx would
        // otherwise read as a "/key value" pair and swallow the next argument.
        var builder = WebApplication.CreateBuilder(args.Skip(1).Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=')).ToArray());
        // A verb prints its own result; the framework's information logs (migrations applied…) would only bury it.
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning).AddFilter("Longan", LogLevel.Warning);
        DatabaseSettings database;
        try
        {
            database = PortalHost.Database(builder.Configuration, builder.Environment);
        }
        catch (InvalidOperationException ex)
        {
            // A provider misnamed, or PostgreSQL without its connection string: the message says which key.
            await error.WriteLineAsync($"{verb.Name} 失败：{ex.Message}");
            return ExitFailed;
        }
        builder.Services.AddAppraisalCore(database);
        builder.Services.AddOptions<BackupOptions>().BindConfiguration(BackupOptions.Section);
        await using var app = builder.Build();
        try
        {
            await AppraisalDatabase.MigrateAsync(app.Services.GetRequiredService<IDbContextFactory<AppraisalDbContext>>());
            return await verb.RunAsync(arguments, app.Services, output, CancellationToken.None);
        }
        catch (ImportRejectedException ex)
        {
            await error.WriteLineAsync($"{verb.Name} 失败：文件有 {ex.Errors.Count} 处问题，没有导入任何数据。");
            foreach (var e in ex.Errors)
            {
                await error.WriteLineAsync(e.Row > 0 ? $"  {e.Sheet} 第 {e.Row} 行 {e.Column}（{e.Value}）：{e.Reason}" : $"  {e.Sheet}：{e.Reason}");
            }
            return ExitFailed;
        }
        catch (ValidationFailedException ex)
        {
            await error.WriteLineAsync($"{verb.Name} 失败：{ex.Message}");
            return ExitFailed;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Refusals (rules, scope, missing files) say why in their message; anything else too, without a stack trace.
            await error.WriteLineAsync($"{verb.Name} 失败：{ex.Message}");
            return ExitFailed;
        }
    }

    private static async Task WriteUsageAsync(TextWriter writer)
    {
        await writer.WriteLineAsync("用法：dotnet run --project Longan.Appraisal.Web -- <命令> [选项]");
        await writer.WriteLineAsync("命令：");
        foreach (var verb in Verbs)
        {
            await writer.WriteLineAsync($"  {verb.Usage,-48} {verb.Description}");
        }
    }
}
