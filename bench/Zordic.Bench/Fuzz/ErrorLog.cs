using Microsoft.Extensions.Logging;

namespace Zordic.Bench.Fuzz;

/// <summary>Counts what the studio logs at Error and above, and keeps the latest (the fuzz checks want none).</summary>
public sealed class ErrorLog : ILoggerProvider
{
    readonly object _lock = new();
    int _count;
    string? _latest;

    public (int Count, string? Latest) Snapshot()
    {
        lock (_lock) return (_count, _latest);
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    sealed class Logger(ErrorLog sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            lock (sink._lock)
            {
                sink._count++;
                sink._latest = $"{logLevel} {category}: {formatter(state, exception)} {exception}";
            }
        }
    }
}
