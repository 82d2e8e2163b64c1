using Microsoft.Extensions.Logging;

namespace StreamGen.Diagnostics;

/// <summary>
/// The logging a job gets when it is started without a logger factory (<see cref="Recovery.JobRunner"/>
/// outside a host): restarts, failures, restores and checkpoint problems on the console rather than nowhere.
/// </summary>
internal static class ConsoleLogging
{
    public static ILoggerFactory CreateLoggerFactory() => LoggerFactory.Create(logging => logging
        .SetMinimumLevel(LogLevel.Information)
        .AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
            console.UseUtcTimestamp = true;
        }));
}
