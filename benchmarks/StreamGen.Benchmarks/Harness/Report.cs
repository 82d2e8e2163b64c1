using System.Globalization;
using System.Text;
using System.Text.Json;

namespace StreamGen.Benchmarks.Harness;

/// <summary>Prints rows as they are measured, the final table and target verdicts, and writes the JSON file.</summary>
internal sealed class Report(BenchmarkResults results, bool smoke)
{
    /// <summary>Checkpoints a checkpointing figure must rest on before its target is judged.</summary>
    public const int MinimumCheckpoints = 10;

    private const string RowFormat = "{0,-16} {1,-46} {2,13} {3,10} {4,9} {5,8} {6,8}  {7}";

    public BenchmarkResults Results => results;

    public void Add(ResultRow row)
    {
        results.Rows.Add(row);
        Console.WriteLine(FormatRow(row));
    }

    /// <summary>
    /// Judges a target. It is reported as not measured — never as met — when the figure is NaN or infinite,
    /// when <paramref name="checkpoints"/> (given for figures of checkpointing runs) is below
    /// <see cref="MinimumCheckpoints"/>, and in a smoke run.
    /// </summary>
    public void Judge(string target, double actual, string comparison, double threshold, string unit, int? checkpoints = null)
    {
        var reason = smoke ? "smoke run (one tiny iteration)"
            : !double.IsFinite(actual) ? $"figure is {actual}"
            : checkpoints < MinimumCheckpoints ? $"{checkpoints} checkpoints taken, at least {MinimumCheckpoints} needed"
            : null;
        var result = new TargetResult
        {
            Target = target,
            Actual = double.IsFinite(actual) ? Math.Round(actual, 4) : null,
            Comparison = comparison,
            Threshold = threshold,
            Unit = unit,
            Checkpoints = checkpoints,
            NotMeasuredReason = reason,
        };
        results.Targets.Add(result);
        Console.WriteLine($"  target {FormatTarget(result)}");
    }

    public static void PrintHeader()
    {
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, RowFormat, "scenario", "variant", "records/s", "cpu ns/rec", "B/record", "peak MB", "cs/1k", "ratios / figures"));
        Console.WriteLine(new string('-', 160));
    }

    public void PrintSummary()
    {
        Console.WriteLine();
        Console.WriteLine("== Results ==");
        PrintHeader();
        foreach (var row in results.Rows)
        {
            Console.WriteLine(FormatRow(row));
        }

        Console.WriteLine();
        Console.WriteLine("== Targets (issue 8) ==");
        foreach (var target in results.Targets)
        {
            Console.WriteLine(FormatTarget(target));
        }

        var met = results.Targets.Count(t => t.Met);
        var notMeasured = results.Targets.Count(t => t.NotMeasuredReason is not null);
        Console.WriteLine($"targets: {met} met, {results.Targets.Count - met - notMeasured} MISSED, {notMeasured} not measured");
        foreach (var error in results.Errors)
        {
            Console.WriteLine($"ERROR {error}");
        }
    }

    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(results, ResultsJsonContext.Default.BenchmarkResults));
        Console.WriteLine($"Wrote {path}");
    }

    private static string FormatRow(ResultRow row)
    {
        var extra = new StringBuilder();
        foreach (var (name, value) in row.Ratios)
        {
            extra.Append(CultureInfo.InvariantCulture, $"{value:0.00}x {name}; ");
        }

        foreach (var (name, value) in row.Figures)
        {
            extra.Append(CultureInfo.InvariantCulture, $"{name}={value:0.###}; ");
        }

        if (row.Note is not null)
        {
            extra.Append(row.Note);
        }

        return string.Format(
            CultureInfo.InvariantCulture,
            RowFormat,
            row.Scenario,
            row.Variant,
            row.RecordsPerSecond > 0 ? row.RecordsPerSecond.ToString("N0", CultureInfo.InvariantCulture) : "-",
            row.CpuNanosecondsPerRecord > 0 ? row.CpuNanosecondsPerRecord.ToString("0", CultureInfo.InvariantCulture) : "-",
            row.AllocatedBytesPerRecord.ToString("0.0", CultureInfo.InvariantCulture),
            row.PeakWorkingSetMB.ToString("0", CultureInfo.InvariantCulture),
            (row.VoluntaryContextSwitchesPer1000Records + row.InvoluntaryContextSwitchesPer1000Records).ToString("0.00", CultureInfo.InvariantCulture),
            extra.ToString().TrimEnd(' ', ';'));
    }

    private static string FormatTarget(TargetResult t)
    {
        var verdict = t.NotMeasuredReason is not null ? "NOT MEASURED" : t.Met ? "met" : "MISSED";
        var actual = t.Actual is { } a ? a.ToString("0.###", CultureInfo.InvariantCulture) : "-";
        var checkpoints = t.Checkpoints is { } c ? $", {c} checkpoints" : string.Empty;
        var reason = t.NotMeasuredReason is { } r ? $" ({r})" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{verdict,-12} {t.Target,-58} {actual,12} {t.Comparison} {t.Threshold:0.###} {t.Unit}{checkpoints}{reason}");
    }
}
