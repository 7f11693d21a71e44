using System.Diagnostics;
using Longan.Appraisal.Core.Features.Audit;
using Longan.Appraisal.Core.Security;

namespace Longan.Appraisal.Web.Commands;

/// <summary>
/// `verify-audit [--checkpoint &lt;#n:hash&gt;]`: recomputes the audit trail's hash chain and prints the
/// checkpoint to note elsewhere; given the checkpoint of an earlier check, also proves nothing up
/// to it was cut or rewritten. Exits 1 naming the first bad record, or the checkpoint that fails.
/// </summary>
public sealed class VerifyAuditVerb : IAdminVerb
{
    public string Name => "verify-audit";
    public string Usage => "verify-audit [--checkpoint <#n:hash>]";
    public string Description => "核验审计日志的哈希链并给出核验点（记录被改动、删除、插入或截去时指出问题并返回 1）";

    public async Task<int> RunAsync(VerbArguments arguments, IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var checkpoint = arguments.Option("checkpoint");
        var result = await services.GetRequiredService<AuditService>().VerifyAsync(Caller.System, checkpoint, ct);
        if (result.IsIntact)
        {
            await output.WriteLineAsync($"审计日志完整：共 {result.Records} 条，哈希链无误{(checkpoint is null ? "" : $"，与核验点 {checkpoint} 相符")}（用时 {clock.Elapsed.TotalSeconds:0.00} 秒）。");
            await output.WriteLineAsync($"本次核验点：{result.Checkpoint}（请记在系统之外，如会议记录；下次用 --checkpoint 核对，可发现记录被截去或整体改写）。");
            return AdminCommandLine.ExitOk;
        }
        await output.WriteLineAsync(result.BrokenAt is { } at
            ? $"审计日志被篡改，问题出在第 {at} 条：{result.Problem}（此前 {result.Records} 条无误）"
            : $"审计日志被篡改：{result.CheckpointProblem}");
        return AdminCommandLine.ExitFailed;
    }
}
