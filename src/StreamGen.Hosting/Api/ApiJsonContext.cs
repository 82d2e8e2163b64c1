using System.Text.Json;
using System.Text.Json.Serialization;
using StreamGen.Diagnostics;

namespace StreamGen.Hosting.Api;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(JobResponse))]
[JsonSerializable(typeof(OperatorsResponse))]
[JsonSerializable(typeof(CheckpointStatsSnapshot))]
[JsonSerializable(typeof(CheckpointStats))]
[JsonSerializable(typeof(RestoreInfo))]
[JsonSerializable(typeof(SavepointRequest))]
[JsonSerializable(typeof(IReadOnlyList<SavepointInfo>))]
[JsonSerializable(typeof(ErrorResponse))]
internal sealed partial class ApiJsonContext : JsonSerializerContext
{
}
