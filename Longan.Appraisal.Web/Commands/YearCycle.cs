using System.Globalization;
using Longan.Appraisal.Core.Features.Cycles;
using Longan.Appraisal.Core.Security;

namespace Longan.Appraisal.Web.Commands;

/// <summary>The cycle a verb with `--year` works on; prints the usage, or that the year has no cycle, when it cannot be found.</summary>
internal static class YearCycle
{
    /// <param name="needsOut">The verb also requires `--out`.</param>
    /// <returns>The cycle, or null with the exit code to return.</returns>
    public static async Task<(CycleRow? Cycle, int Exit)> FindAsync(
        IAdminVerb verb, VerbArguments arguments, IServiceProvider services, TextWriter output, CancellationToken ct, bool needsOut = false)
    {
        if ((needsOut && arguments.Option("out") is null)
            || !int.TryParse(arguments.Option("year"), NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            await output.WriteLineAsync("用法：" + verb.Usage);
            return (null, AdminCommandLine.ExitUsage);
        }
        if (needsOut && OutputFile.Problem(arguments.Option("out")!) is { } problem)
        {
            await output.WriteLineAsync(problem);
            return (null, AdminCommandLine.ExitFailed);
        }
        var cycle = (await services.GetRequiredService<CycleService>().ListAsync(Caller.System, ct)).FirstOrDefault(c => c.Year == year);
        if (cycle is null)
        {
            await output.WriteLineAsync($"没有 {year} 年度的考核。");
            return (null, AdminCommandLine.ExitFailed);
        }
        return (cycle, AdminCommandLine.ExitOk);
    }
}
