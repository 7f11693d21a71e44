namespace Longan.Appraisal.Web.Components.Shared;

/// <summary>
/// What went wrong on a page that the user only saw as 操作没有完成: which page, which exception (its
/// stack goes with it). Refusals the user can act on are not errors and are not logged here.
/// </summary>
internal static partial class PageLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Error, Message = "{Component}: a service call failed with {ExceptionType}")]
    public static partial void ActionFailed(ILogger logger, Exception exception, string component, string exceptionType);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Error, Message = "{Component}: loading the page failed with {ExceptionType}")]
    public static partial void LoadFailed(ILogger logger, Exception exception, string component, string exceptionType);
}
