using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using StreamGen.Benchmarks.Harness;
using StreamGen.Benchmarks.Workload;
using StreamGen.Serialization;
using StreamGen.State;

namespace StreamGen.Benchmarks.Scenarios;

/// <summary>
/// Snapshot and restore speed of the generated state serializers for 1 M keys of <see cref="KeyStatistics"/>
/// state (a string key; long, two doubles and a DateTime per key), through the operator's generated
/// <see cref="IKeyedStateAccessor{TKey, TState}"/> — the code the runtime runs in the asynchronous part of a
/// checkpoint and on restore — against System.Text.Json's source-generated serializer of the same data
/// as a <c>Dictionary&lt;string, StatisticsDto&gt;</c>. Restore builds a dictionary in both cases.
/// </summary>
internal sealed class SerializerScenario : IScenario
{
    public string Name => "serializers";

    public Task RunAsync(BenchContext context)
    {
        var keyCount = context.Options.LargeStateKeys;
        var keys = new string[keyCount];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = $"user-{i:x8}";
        }

        var repeats = context.Options.Quick ? 3 : 5;
        var operatorInstance = new KeyStatistics();
        var generated = ((IKeyedStateful<string>)operatorInstance).AcceptStateVisitor(new GeneratedCodec(operatorInstance, keys, repeats));
        var json = MeasureJson(keys, repeats);

        var report = context.Report;
        report.Add(Row("baseline: System.Text.Json (source-gen) write", json.Write, json.Bytes, null));
        report.Add(Row("baseline: System.Text.Json (source-gen) read", json.Read, json.Bytes, null));
        report.Add(Row("generated MessagePack: snapshot", generated.Write, generated.Bytes, json.Write));
        report.Add(Row("generated MessagePack: restore", generated.Read, generated.Bytes, json.Read));
        report.Add(Row("runtime keyed state table snapshot (key-group blocks)", generated.WriteKeyGroupOrder, generated.Bytes, json.Write));
        report.Judge("serializers: snapshot x System.Text.Json", json.Write.Seconds / generated.Write.Seconds, ">=", 2, "x");
        report.Judge("serializers: restore x System.Text.Json", json.Read.Seconds / generated.Read.Seconds, ">=", 2, "x");
        return Task.CompletedTask;

        ResultRow Row(string variant, RunFigures run, long bytes, RunFigures? baseline)
        {
            var row = ResultRow.From(Name, variant, run, note: "records = keys");
            row.Figures["MB/s"] = Math.Round(bytes / 1048576.0 / run.Seconds, 1);
            row.Figures["MB"] = Math.Round(bytes / 1048576.0, 1);
            row.Figures["ms"] = Math.Round(run.Seconds * 1000, 1);
            if (baseline is not null)
            {
                row.Ratios["vs STJ"] = Math.Round(baseline.Seconds / run.Seconds, 3);
            }

            return row;
        }
    }

    private static (RunFigures Write, RunFigures Read, long Bytes) MeasureJson(string[] keys, int repeats)
    {
        var data = new Dictionary<string, StatisticsDto>(keys.Length);
        var epoch = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < keys.Length; i++)
        {
            data[keys[i]] = new StatisticsDto { Count = (i % 1000) + 1, Sum = i * 1.5, Max = i * 0.25, LastSeen = epoch.AddMilliseconds(i) };
        }

        var buffer = new ArrayBufferWriter<byte>(64 << 20);
        RunFigures? write = null, read = null;
        for (var r = 0; r < repeats; r++)
        {
            buffer.ResetWrittenCount();
            var measurement = Measurement.Start();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                JsonSerializer.Serialize(writer, data, StatisticsJsonContext.Default.DictionaryStringStatisticsDto);
            }

            write = Best.Of(write, measurement.Stop(keys.Length), f => f.RecordsPerSecond);

            measurement = Measurement.Start();
            var restored = JsonSerializer.Deserialize(buffer.WrittenSpan, StatisticsJsonContext.Default.DictionaryStringStatisticsDto)!;
            read = Best.Of(read, measurement.Stop(keys.Length), f => f.RecordsPerSecond);
            if (restored.Count != keys.Length)
            {
                throw new InvalidOperationException($"System.Text.Json restored {restored.Count} of {keys.Length} keys.");
            }
        }

        return (write!, read!, buffer.WrittenCount);
    }

    /// <summary>Runs inside the generic visit, so the accessor is used with its real state struct type, as the runtime does.</summary>
    private sealed class GeneratedCodec(KeyStatistics operatorInstance, string[] keys, int repeats) : IKeyedStateVisitor<string, (RunFigures Write, RunFigures Read, RunFigures WriteKeyGroupOrder, long Bytes)>
    {
        public (RunFigures Write, RunFigures Read, RunFigures WriteKeyGroupOrder, long Bytes) Visit<TState>(IKeyedStateAccessor<string, TState> accessor)
            where TState : struct
        {
            _ = accessor.CreateInitialState();
            var states = new TState[keys.Length];
            var epoch = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            for (var i = 0; i < keys.Length; i++)
            {
                operatorInstance.Seed((i % 1000) + 1, i * 1.5, i * 0.25, epoch.AddMilliseconds(i));
                accessor.StoreState(out states[i]);
            }

            var fieldMap = accessor.StateSchema.MapFrom(accessor.StateSchema, "benchmark");
            var buffer = new ArrayBufferWriter<byte>(64 << 20);
            RunFigures? write = null, read = null;
            for (var r = 0; r < repeats; r++)
            {
                buffer.ResetWrittenCount();
                var measurement = Measurement.Start();
                var writer = new MessagePackWriter(buffer);
                writer.WriteMapHeader(keys.Length);
                for (var i = 0; i < keys.Length; i++)
                {
                    accessor.WriteKey(ref writer, keys[i]);
                    accessor.WriteState(ref writer, in states[i]);
                }

                writer.Flush();
                write = Best.Of(write, measurement.Stop(keys.Length), f => f.RecordsPerSecond);

                measurement = Measurement.Start();
                var reader = new MessagePackReader(buffer.WrittenSpan);
                var count = reader.ReadMapHeader();
                var restored = new Dictionary<string, TState>(count);
                for (var i = 0; i < count; i++)
                {
                    var key = accessor.ReadKey(ref reader);
                    restored.Add(key, accessor.ReadState(ref reader, fieldMap));
                }

                read = Best.Of(read, measurement.Stop(keys.Length), f => f.RecordsPerSecond);
                if (restored.Count != keys.Length)
                {
                    throw new InvalidOperationException($"The generated reader restored {restored.Count} of {keys.Length} keys.");
                }
            }

            // The runtime's own snapshot: KeyedStateTable.Snapshot().WriteTo, which groups keys by key group
            // (so a restore at another parallelism can skip whole groups) on top of the same generated code.
            var tableOperator = new KeyStatistics();
            var table = KeyedStateBackend.Create<string>(tableOperator, new KeyGroupRange(0, KeyGroups.DefaultMaxParallelism), KeyGroups.DefaultMaxParallelism, "benchmark");
            for (var i = 0; i < keys.Length; i++)
            {
                table.SetCurrentKey(keys[i], KeyGroups.Of(keys[i], KeyGroups.DefaultMaxParallelism));
                tableOperator.Seed((i % 1000) + 1, i * 1.5, i * 0.25, epoch.AddMilliseconds(i));
                table.StoreCurrentKey();
            }

            var bytes = buffer.WrittenCount;
            var tableBuffer = new ArrayBufferWriter<byte>(64 << 20);
            RunFigures? scattered = null;
            for (var r = 0; r < repeats; r++)
            {
                tableBuffer.ResetWrittenCount();
                var measurement = Measurement.Start();
                using (var snapshot = table.Snapshot())
                {
                    snapshot.WriteTo(tableBuffer);
                }

                scattered = Best.Of(scattered, measurement.Stop(keys.Length), f => f.RecordsPerSecond);
            }

            Debug.Assert(bytes == buffer.WrittenCount);
            return (write!, read!, scattered!, bytes);
        }
    }
}
