using System.Diagnostics;
using System.Globalization;

namespace StreamGen.FaultInjection;

/// <summary>
/// Named crash points compiled into the runtime. They are inert unless armed: each call site is guarded by
/// <see cref="IsEnabled"/>, a single volatile read. Tests arm points in-process with <see cref="Arm"/>;
/// child processes arm them through the <c>STREAMGEN_CRASH_POINTS</c> environment variable, e.g.
/// <c>after-snapshot-before-ack:3:kill,mid-epoch:p0.01:throw</c> (fire on the 3rd hit, or with probability 1%).
/// </summary>
public static class FaultInjector
{
    /// <summary>The environment variable read by <see cref="ArmFromEnvironment"/>.</summary>
    public const string EnvironmentVariable = "STREAMGEN_CRASH_POINTS";

    private static readonly object s_lock = new();
    private static readonly Dictionary<CrashPoint, ArmedPoint> s_armed = new();
    private static readonly Dictionary<CrashPoint, int> s_fired = new();
    private static volatile bool s_enabled;

    /// <summary>True when at least one crash point is armed.</summary>
    public static bool IsEnabled => s_enabled;

    /// <summary>
    /// Arms <paramref name="point"/>: it fires on its <paramref name="onHit"/>-th hit, or (when
    /// <paramref name="probability"/> is above 0) on each hit with that probability, at most
    /// <paramref name="maxFirings"/> times.
    /// </summary>
    public static void Arm(CrashPoint point, CrashAction action = CrashAction.Throw, int onHit = 1, double probability = 0, int maxFirings = 1, int seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(onHit, 1);
        lock (s_lock)
        {
            s_armed[point] = new ArmedPoint(action, onHit, probability, maxFirings, new Random(seed));
            s_enabled = true;
        }
    }

    /// <summary>Disarms every crash point and clears the firing counts.</summary>
    public static void Reset()
    {
        lock (s_lock)
        {
            s_armed.Clear();
            s_fired.Clear();
            s_enabled = false;
        }
    }

    /// <summary>How many times <paramref name="point"/> fired since the last <see cref="Reset"/>.</summary>
    public static int FiredCount(CrashPoint point)
    {
        lock (s_lock)
        {
            return s_fired.GetValueOrDefault(point);
        }
    }

    /// <summary>Arms the points listed in <c>STREAMGEN_CRASH_POINTS</c>, if set.</summary>
    /// <exception cref="FormatException">The variable is malformed.</exception>
    public static void ArmFromEnvironment()
    {
        var spec = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(spec))
        {
            return;
        }

        foreach (var entry in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split(':');
            if (parts.Length is < 1 or > 3 || !TryParse(parts[0], out var point))
            {
                throw new FormatException($"{EnvironmentVariable}: cannot parse '{entry}'. Expected '<point>[:<hit>|p<probability>][:throw|kill]' with point one of {string.Join(", ", Enum.GetValues<CrashPoint>().Select(NameOf))}.");
            }

            var onHit = 1;
            var probability = 0.0;
            if (parts.Length > 1)
            {
                var when = parts[1];
                var ok = when.StartsWith('p')
                    ? double.TryParse(when.AsSpan(1), NumberStyles.Float, CultureInfo.InvariantCulture, out probability)
                    : int.TryParse(when, NumberStyles.Integer, CultureInfo.InvariantCulture, out onHit);
                if (!ok)
                {
                    throw new FormatException($"{EnvironmentVariable}: '{when}' in '{entry}' is neither a hit number nor p<probability>.");
                }
            }

            var action = CrashAction.Throw;
            if (parts.Length > 2)
            {
                action = parts[2] switch
                {
                    "throw" => CrashAction.Throw,
                    "kill" => CrashAction.KillProcess,
                    _ => throw new FormatException($"{EnvironmentVariable}: action '{parts[2]}' in '{entry}' must be 'throw' or 'kill'."),
                };
            }

            Arm(point, action, onHit, probability, maxFirings: 1, seed: Environment.ProcessId);
        }
    }

    /// <summary>The kebab-case name of a crash point, as used in <c>STREAMGEN_CRASH_POINTS</c>.</summary>
    public static string NameOf(CrashPoint point) => point switch
    {
        CrashPoint.MidEpoch => "mid-epoch",
        CrashPoint.AfterSnapshotBeforeAck => "after-snapshot-before-ack",
        CrashPoint.AfterAckBeforeComplete => "after-ack-before-complete",
        CrashPoint.AfterCompleteBeforeNotify => "after-complete-before-notify",
        CrashPoint.DuringRestore => "during-restore",
        _ => point.ToString(),
    };

    private static bool TryParse(string name, out CrashPoint point)
    {
        foreach (var candidate in Enum.GetValues<CrashPoint>())
        {
            if (NameOf(candidate) == name)
            {
                point = candidate;
                return true;
            }
        }

        point = default;
        return false;
    }

    /// <summary>Called at a crash point when <see cref="IsEnabled"/>; fires if the point is armed and due.</summary>
    internal static void Hit(CrashPoint point, string location)
    {
        CrashAction action;
        lock (s_lock)
        {
            if (!s_armed.TryGetValue(point, out var armed) || armed.Firings >= armed.MaxFirings)
            {
                return;
            }

            armed.Hits++;
            var due = armed.Probability > 0 ? armed.Random.NextDouble() < armed.Probability : armed.Hits == armed.OnHit;
            if (!due)
            {
                return;
            }

            armed.Firings++;
            s_fired[point] = s_fired.GetValueOrDefault(point) + 1;
            if (armed.Probability <= 0)
            {
                // Hit counting restarts so a point armed with maxFirings > 1 fires every OnHit hits.
                armed.Hits = 0;
            }

            action = armed.Action;
        }

        if (action == CrashAction.KillProcess)
        {
            Console.Error.WriteLine($"StreamGen: crash point '{NameOf(point)}' kills process {Environment.ProcessId} in {location}.");
            Console.Error.Flush();
            Process.GetCurrentProcess().Kill();
            Thread.Sleep(Timeout.Infinite);
        }

        throw new InjectedFailureException(point, location);
    }

    private sealed class ArmedPoint(CrashAction action, int onHit, double probability, int maxFirings, Random random)
    {
        public CrashAction Action { get; } = action;

        public int OnHit { get; } = onHit;

        public double Probability { get; } = probability;

        public int MaxFirings { get; } = maxFirings;

        public Random Random { get; } = random;

        public int Hits { get; set; }

        public int Firings { get; set; }
    }
}
