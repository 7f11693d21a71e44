using System.Diagnostics;
using Longan.Appraisal.Core.Excel;
using Longan.Appraisal.Core.Security;
using Microsoft.Extensions.Logging;

namespace Longan.Appraisal.Core.Features.Common;

/// <summary>
/// Times an operation operators care about (an import, a computation, an export) and logs how it
/// ended when it did not succeed; the operation's own log line says what a success did. A refusal
/// (the file's errors, a rule, no right) is logged by its kind only: its message is for the user and
/// may quote a name from the file. An unexpected failure is logged with its type and message
/// (database or I/O, never a value typed by a user) so an operator can tell a locked database from a full disk.
/// </summary>
internal static partial class OperationLog
{
    /// <summary>Runs <paramref name="operation"/>; <paramref name="succeeded"/> gets its result and milliseconds.</summary>
    public static async Task<T> TimedAsync<T>(ILogger logger, string name, Func<Task<T>> operation, Action<T, double> succeeded)
    {
        var start = Stopwatch.GetTimestamp();
        T result;
        try
        {
            result = await operation();
        }
        catch (Exception ex) when (Ended(logger, name, ex, start))
        {
            throw; // Never reached: the filter logs and lets the exception go on unchanged.
        }
        succeeded(result, Milliseconds(start));
        return result;
    }

    /// <summary>Milliseconds since <paramref name="start"/> (a <see cref="Stopwatch.GetTimestamp"/>), to a tenth.</summary>
    public static double Milliseconds(long start) => Math.Round(Stopwatch.GetElapsedTime(start).TotalMilliseconds, 1);

    private static bool Ended(ILogger logger, string name, Exception ex, long start)
    {
        switch (ex)
        {
            case OperationCanceledException:
                Cancelled(logger, name, Milliseconds(start));
                break;
            case ImportRejectedException rejected:
                Rejected(logger, name, rejected.Errors.Count, Milliseconds(start));
                break;
            case ValidationFailedException or RuleViolationException or AccessDeniedException or NotFoundException or ConflictException:
                Refused(logger, name, ex.GetType().Name, Milliseconds(start));
                break;
            default:
                Failed(logger, ex, name, ex.GetType().FullName ?? ex.GetType().Name, ex.Message, Milliseconds(start));
                break;
        }
        return false;
    }

    [LoggerMessage(EventId = 3900, Level = LogLevel.Information, Message = "{Operation} refused: the file has {ErrorCount} error(s), nothing saved, after {ElapsedMs} ms")]
    private static partial void Rejected(ILogger logger, string operation, int errorCount, double elapsedMs);

    [LoggerMessage(EventId = 3901, Level = LogLevel.Information, Message = "{Operation} refused ({Reason}) after {ElapsedMs} ms")]
    private static partial void Refused(ILogger logger, string operation, string reason, double elapsedMs);

    [LoggerMessage(EventId = 3902, Level = LogLevel.Information, Message = "{Operation} cancelled after {ElapsedMs} ms")]
    private static partial void Cancelled(ILogger logger, string operation, double elapsedMs);

    [LoggerMessage(EventId = 3903, Level = LogLevel.Error, Message = "{Operation} failed with {ExceptionType}: {ExceptionMessage} after {ElapsedMs} ms")]
    private static partial void Failed(ILogger logger, Exception exception, string operation, string exceptionType, string exceptionMessage, double elapsedMs);
}
