using Microsoft.Extensions.Logging;

namespace Longan.Appraisal.Core.Features.Imports;

/// <summary>
/// Imports for operators: which kind, how many rows, how long. Never the file's name (a township
/// names files after people) nor any cell; a refused file is logged by <see cref="Common.OperationLog"/>
/// with its count of errors.
/// </summary>
internal static partial class ImportLog
{
    public const string Ballots = "import-ballots";
    public const string BallotsCheck = "check-ballots";
    public const string Roster = "import-roster";

    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "{Operation} into cycle {CycleId}: {Rows} rows saved (replacing an earlier import: {Replaced}) in {ElapsedMs} ms")]
    public static partial void BallotsImported(ILogger logger, string operation, int cycleId, int rows, bool replaced, double elapsedMs);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "{Operation} for cycle {CycleId}: {Rows} rows valid, nothing saved, in {ElapsedMs} ms")]
    public static partial void BallotsChecked(ILogger logger, string operation, int cycleId, int rows, double elapsedMs);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "{Operation}: {Rows} rows saved ({NewAssistants} new and {UpdatedAssistants} updated assistants, {NewPostings} postings) in {ElapsedMs} ms")]
    public static partial void RosterImported(ILogger logger, string operation, int rows, int newAssistants, int updatedAssistants, int newPostings, double elapsedMs);
}
