using StreamGen.Diagnostics;
using StreamGen.Graph;

namespace StreamGen.Hosting.Api;

/// <summary>GET /api/job.</summary>
/// <param name="Name">Job name.</param>
/// <param name="Status">Lifecycle state.</param>
/// <param name="RestartCount">Restarts in this process.</param>
/// <param name="LastFailure">Last failure message, if any.</param>
/// <param name="Operators">The job graph's operators.</param>
public sealed record JobResponse(string Name, string Status, int RestartCount, string? LastFailure, IReadOnlyList<OperatorInfo> Operators);

/// <summary>GET /api/operators: per-operator totals summed over subtasks, plus raw subtask and channel figures.</summary>
/// <param name="Operators">Totals per operator.</param>
/// <param name="Subtasks">Records in/out per subtask.</param>
/// <param name="Channels">Queue fill per channel (1 = full: backpressure).</param>
public sealed record OperatorsResponse(IReadOnlyList<OperatorTotals> Operators, IReadOnlyList<OperatorMetricsSnapshot> Subtasks, IReadOnlyList<ChannelFillSnapshot> Channels);

/// <summary>Records in/out of one operator over all its subtasks.</summary>
/// <param name="OperatorId">Operator id.</param>
/// <param name="OperatorName">Operator name.</param>
/// <param name="RecordsIn">Records received.</param>
/// <param name="RecordsOut">Records emitted.</param>
public sealed record OperatorTotals(string OperatorId, string OperatorName, long RecordsIn, long RecordsOut);

/// <summary>POST /api/savepoints body.</summary>
/// <param name="Name">Optional name, part of the savepoint's directory.</param>
public sealed record SavepointRequest(string? Name);

/// <summary>One savepoint in GET /api/savepoints.</summary>
/// <param name="CheckpointId">Its id.</param>
/// <param name="Path">Directory to restore from (<c>StreamGen:RestoreFrom</c>); <see langword="null"/> for a caller without the configured token.</param>
/// <param name="CompletedAt">When it completed.</param>
/// <param name="StateSize">Bytes of state.</param>
public sealed record SavepointInfo(long CheckpointId, string? Path, DateTimeOffset CompletedAt, long StateSize);

/// <summary>An error body.</summary>
/// <param name="Error">What went wrong.</param>
public sealed record ErrorResponse(string Error);
