using System.Text.Json.Serialization;

namespace StreamGen.Benchmarks.Workload;

/// <summary>The source-generated System.Text.Json serializer the generated MessagePack code is compared with.</summary>
[JsonSerializable(typeof(Dictionary<string, StatisticsDto>))]
internal sealed partial class StatisticsJsonContext : JsonSerializerContext;
