using System.Diagnostics;
using Longan.Appraisal.Core.Features.Audit;
using Longan.Appraisal.Core.Security;

namespace Longan.Appraisal.Web.Commands;

/// <summary>`verify-audit`: recomputes the audit trail's hash chain; exits 1 and names the first bad record when it was tampered with.</summary>
public sealed class VerifyAuditVerb : IAdminVerb
{
    public string Name => "verify-audit";
    public string Usage => "verify-audit";
    public string Description => "核验审计日志的哈希链（记录被改动、删除或插入时指出第一条并返回 1）";

    public async Task<int> RunAsync(VerbArguments arguments, IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var result = await services.GetRequiredService<AuditService>().VerifyAsync(Caller.System, ct);
        if (result.IsIntact)
        {
            await output.WriteLineAsync($"审计日志完整：共 {result.Records} 条，哈希链无误，末条哈希 {result.HeadHash}（用时 {clock.Elapsed.TotalSeconds:0.00} 秒）。");
            return AdminCommandLine.ExitOk;
        }
        await output.WriteLineAsync($"审计日志被篡改，问题出在第 {result.BrokenAt} 条：{result.Problem}（此前 {result.Records} 条无误）");
        return AdminCommandLine.ExitFailed;
    }
}
