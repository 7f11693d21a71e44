using Microsoft.Extensions.Logging;

namespace Longan.Appraisal.Tests.Infrastructure;

/// <summary>Calls back with the message when a log message containing <paramref name="text"/> is written (an import's own "writing" line).</summary>
public sealed class WhenLogged(string text, Action<string> callback) : ILoggerProvider, ILogger
{
    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var message = formatter(state, exception);
        if (message.Contains(text, StringComparison.Ordinal))
        {
            callback(message);
        }
    }

    public void Dispose()
    {
    }
}
