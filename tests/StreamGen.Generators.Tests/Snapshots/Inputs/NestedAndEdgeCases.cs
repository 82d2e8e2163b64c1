using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using StreamGen;

namespace Edge
{
    public partial class Job
    {
        // An operator nested in a partial class, keyed by a tuple, with members the generator skips:
        // types with no MessagePack encoding (left to the analyzers to report) and readonly fields.
        [StreamOperator]
        internal sealed partial class Dedup : KeyedProcessor<(string Tenant, int Shard), byte[], byte[]>
        {
            [State] private byte[]? _lastPayload;
            [State] private int[][] _matrix = Array.Empty<int[]>();
            [State] private List<string?> _notes = new();
            [State] private Stream? _unsupportedStream;
            [State] private Func<int>? _unsupportedDelegate;
            [State] private Task? _unsupportedTask;
            [State] private readonly List<int> _readonlySkipped = new();
            [State] private Internal _internalState = new();
            [State] private int @class;

            public override void Process(byte[] value, Context<byte[]> context) => context.Emit(value);
        }

        internal struct Internal
        {
            public int Value { get; set; }
        }
    }

    [StreamOperator]
    public partial class Empty : Processor<int, int>
    {
        public override void Process(int value, Context<int> context) => context.Emit(value);
    }

    // A key type with no encoding: no keyed contract can be generated, so nothing is.
    [StreamOperator]
    public partial class KeyedByObject : KeyedProcessor<object, int, int>
    {
        [State] private int _count;

        public override void Process(int value, Context<int> context) => _count++;
    }

    // Outer cannot be rebuilt (its constructor needs a Stream), and Inner refers back to it: members of
    // either type are left out rather than generating code that does not compile.
    public sealed record Outer(Inner In, Stream Unsupported);

    public sealed record Inner(Outer? Back, int X);

    [StreamOperator]
    public partial class DependsOnUnsupported : Processor<int, int>
    {
        [State] private Inner? _inner;
        [State] private List<Outer> _outers = new();
        [State] private int _kept;

        public override void Process(int value, Context<int> context) => _kept += _inner?.X ?? 0 + _outers.Count;
    }

    // Not partial: the generator leaves it alone (the analyzers report it).
    [StreamOperator]
    public class NotPartial : Processor<int, int>
    {
        [State] private int _count;

        public override void Process(int value, Context<int> context) => _count++;
    }
}
