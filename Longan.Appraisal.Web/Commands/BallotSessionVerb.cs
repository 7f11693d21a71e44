using System.Globalization;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Ballots;
using Longan.Appraisal.Core.Features.Ballots;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Entries;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Web.Commands;

/// <summary>
/// `ballot-session open|close|void` (spec workbooks.md): opens a phone-ballot session now with its
/// slips (and, with --list, the codes one a line), closes one, or voids one with a reason.
/// </summary>
public sealed class BallotSessionVerb : IAdminVerb
{
    public string Name => "ballot-session";
    public string Usage => "ballot-session <open|close|void> [<number>] --year <yyyy> --group <群众评议|党员干部评议> --assistant <编号,...> --codes <n> --out <slips.pdf> [--list <codes.txt>] [--closes <yyyy-MM-ddTHH:mm>] [--place <地点>] [--reason <text>]";
    public string Description => "手机测评场次：开设（打印测评码纸条）、结束、作废";

    public async Task<int> RunAsync(VerbArguments arguments, IServiceProvider services, TextWriter output, CancellationToken ct) =>
        arguments.Positional.FirstOrDefault() switch
        {
            "open" => await OpenAsync(arguments, services, output, ct),
            "close" when Number(arguments) is { } id => await CloseAsync(id, services, output, ct),
            "void" when Number(arguments) is { } id && arguments.Option("reason") is { } reason => await VoidAsync(id, reason, services, output, ct),
            _ => await UsageAsync(output),
        };

    private async Task<int> UsageAsync(TextWriter output)
    {
        await output.WriteLineAsync("用法：");
        await output.WriteLineAsync("  ballot-session open --year <yyyy> --group 群众评议|党员干部评议 --assistant <编号>[,<编号>...] --codes <n> --out <slips.pdf> [--list <codes.txt>] [--closes <yyyy-MM-ddTHH:mm>] [--place <地点>]");
        await output.WriteLineAsync("  ballot-session close <number>");
        await output.WriteLineAsync("  ballot-session void <number> --reason <text>");
        return AdminCommandLine.ExitUsage;
    }

    private static int? Number(VerbArguments arguments) =>
        int.TryParse(arguments.Positional.ElementAtOrDefault(1), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private async Task<int> OpenAsync(VerbArguments arguments, IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        var group = arguments.Option("group") switch { "群众评议" => BallotGroup.Villagers, "党员干部评议" => (BallotGroup?)BallotGroup.Cadres, _ => null };
        if (group is null || arguments.Option("assistant") is not { } codesText || arguments.Option("out") is not { } slips
            || !int.TryParse(arguments.Option("codes"), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return await UsageAsync(output);
        }
        var configuration = services.GetRequiredService<IConfiguration>();
        if (configuration["Appraisal:PublicUrl"] is not { Length: > 0 } baseUrl || !Uri.TryCreate(baseUrl, UriKind.Absolute, out _))
        {
            await output.WriteLineAsync("请先在配置 Appraisal:PublicUrl（环境变量 Appraisal__PublicUrl）中写上门户的公网地址，例如 https://khxt.longan.gov.cn：纸条上的二维码和地址由它组成。");
            return AdminCommandLine.ExitFailed;
        }
        DateTimeOffset? closes = null;
        if (arguments.Option("closes") is { } closesText)
        {
            if (!DateTime.TryParseExact(closesText, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                await output.WriteLineAsync($"--closes 应写成 yyyy-MM-ddTHH:mm（北京时间），例如 2026-12-06T17:30，而不是“{closesText}”。");
                return AdminCommandLine.ExitUsage;
            }
            closes = new DateTimeOffset(local, TimeSpan.FromHours(8));
        }
        var (cycle, exit) = await YearCycle.FindAsync(this, arguments, services, output, ct);
        if (cycle is null)
        {
            return exit;
        }
        await using var db = await services.GetRequiredService<IDbContextFactory<AppraisalDbContext>>().CreateDbContextAsync(ct);
        var roster = await CycleRoster.ForYearAsync(db, cycle.Year, ct);
        var assistants = new List<RosterEntry>();
        foreach (var typed in codesText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var code = InputText.Code(typed);
            var found = roster.Where(r => InputText.Code(r.Code) == code).ToList();
            if (found.Count != 1)
            {
                await output.WriteLineAsync($"{cycle.Year} 年度考核名单中没有编号为“{InputText.Quote(typed)}”的助理员。");
                return AdminCommandLine.ExitFailed;
            }
            assistants.Add(found[0]);
        }
        var place = arguments.Option("place") ?? (group == BallotGroup.Villagers ? $"{assistants[0].VillageName}村民会议" : $"{assistants[0].TownshipName}党员干部会议");
        var sessions = services.GetRequiredService<BallotSessionService>();
        var opened = await sessions.OpenAsync(Caller.System, new BallotSessionInput
        {
            CycleId = cycle.Id, Group = group, AssistantIds = assistants.Select(a => a.AssistantId).ToList(), CodeCount = count, Place = place, ClosesAt = closes,
        }, ct);
        var row = (await sessions.ListAsync(Caller.System, cycle.Id, ct)).Single(s => s.Id == opened.Id);
        await OutputFile.WriteAsync(slips, file =>
        {
            BallotSlips.Write(file, new SlipSheet(row.Group, row.Place, row.OpensAt, row.EndsAt, baseUrl, opened.Codes), DateTimeOffset.UtcNow);
            return Task.FromResult(0);
        });
        if (arguments.Option("list") is { } list)
        {
            await File.WriteAllLinesAsync(list, opened.Codes.Select(BallotCodes.Display), ct);
        }
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"已开设第 {opened.Id} 号测评场次（{arguments.Option("group")}，{string.Join("、", assistants.Select(a => a.Name))}，{row.Place}），"
            + $"投票至 {CountyCalendar.Local(row.EndsAt):yyyy-MM-dd HH:mm}；测评码 {opened.Codes.Count} 个，纸条：{Path.GetFullPath(slips)}。"));
        await output.WriteLineAsync(opened.Id.ToString(CultureInfo.InvariantCulture));
        return AdminCommandLine.ExitOk;
    }

    private static async Task<int> CloseAsync(int id, IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        await services.GetRequiredService<BallotSessionService>().CloseAsync(Caller.System, id, ct);
        await output.WriteLineAsync($"第 {id} 号测评场次已结束，投票已计入评议数据。");
        return AdminCommandLine.ExitOk;
    }

    private static async Task<int> VoidAsync(int id, string reason, IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        await services.GetRequiredService<BallotSessionService>().VoidAsync(Caller.System, id, reason, ct);
        await output.WriteLineAsync($"第 {id} 号测评场次已作废，它的投票不计入考核。");
        return AdminCommandLine.ExitOk;
    }
}
