using Microsoft.Extensions.Logging;

namespace Longan.Appraisal.Core.Features.Common;

/// <summary>Exports for operators: which kind, of which cycle, how many rows or cards, how large, how long. Never whose.</summary>
internal static partial class ExportLog
{
    public const string Results = "export-results";
    public const string Candidates = "export-candidates";
    public const string Evaluations = "export-evaluations";
    public const string Supervision = "export-supervision";
    public const string Attendance = "export-attendance";
    public const string Card = "export-card";
    public const string Cards = "export-cards";

    [LoggerMessage(EventId = 3200, Level = LogLevel.Information, Message = "{Operation} of cycle {CycleId}: {Rows} rows, {Bytes} bytes in {ElapsedMs} ms")]
    public static partial void Exported(ILogger logger, string operation, int cycleId, int rows, long bytes, double elapsedMs);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "{Operation} of cycle {CycleId}: {Bytes} bytes in {ElapsedMs} ms")]
    public static partial void Written(ILogger logger, string operation, int cycleId, long bytes, double elapsedMs);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Information, Message = "{Operation} of cycle {CycleId}: {Cards} card(s) in {ElapsedMs} ms")]
    public static partial void CardsWritten(ILogger logger, string operation, int cycleId, int cards, double elapsedMs);
}
