using System.Text.Json.Serialization;

namespace StreamGen.Benchmarks.Harness;

/// <summary>Source-generated JSON for benchmarks/results/latest.json (camelCase, indented).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(BenchmarkResults))]
internal sealed partial class ResultsJsonContext : JsonSerializerContext;
