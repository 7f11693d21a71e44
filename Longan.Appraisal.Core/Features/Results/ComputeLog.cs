using Microsoft.Extensions.Logging;

namespace Longan.Appraisal.Core.Features.Results;

/// <summary>Computations for operators: which year, how many assistants, which version, and where the time went.</summary>
internal static partial class ComputeLog
{
    public const string Compute = "compute";

    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "{Operation} {Year}: version {Version} of {Assistants} assistants ({Complete} complete, unchanged: {Unchanged}) in {ElapsedMs} ms (load {LoadMs} ms, scoring {ScoringMs} ms, store {StoreMs} ms)")]
    public static partial void Computed(ILogger logger, string operation, int year, int version, int assistants, int complete, bool unchanged, double elapsedMs, double loadMs, double scoringMs, double storeMs);

    public static void Computed(ILogger logger, ComputeSummary summary, double elapsedMs) =>
        Computed(logger, Compute, summary.Year, summary.Number, summary.Assistants, summary.Complete, summary.Unchanged, elapsedMs,
            Math.Round(summary.Load.TotalMilliseconds, 1), Math.Round(summary.Scoring.TotalMilliseconds, 1), Math.Round(summary.Store.TotalMilliseconds, 1));
}
