using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Wippy.Host.Tests.Support;

/// <summary>A logger factory that keeps every event with its category.</summary>
internal sealed class CapturedLogs : ILoggerFactory
{
    public readonly ConcurrentQueue<(string Category, LogLevel Level, int Id, string Message)> Events = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) { }

    public void Dispose() { }

    /// <summary>The messages of one category with one event id, in order.</summary>
    public List<string> Messages(string category, int id) =>
        Events.Where(e => e.Category == category && e.Id == id).Select(e => e.Message).ToList();

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Events.Enqueue((category, logLevel, eventId.Id, formatter(state, exception)));
    }
}
