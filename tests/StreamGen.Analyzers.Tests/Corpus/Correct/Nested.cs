// Operators nested in partial types, file-scoped namespaces, a recursive state type, an init-only config
// property, a constructor that sets up transient and readonly members only.
using StreamGen;

namespace Corpus.Nested;

public sealed class TreeNode
{
    public string Label { get; set; } = "";
    public List<TreeNode> Children { get; set; } = new();
    public TreeNode? Parent { get; set; }
}

public static partial class Pipelines
{
    [StreamOperator]
    public partial class Dedup : KeyedProcessor<Guid, (Guid Id, string Payload), string>
    {
        [State] private bool _seen;
        [State] private DateTime? _firstSeenAt;

        public TimeSpan Retention { get; init; } = TimeSpan.FromHours(1);

        public override void Process((Guid Id, string Payload) value, Context<string> context)
        {
            if (_seen)
            {
                return;
            }

            _seen = true;
            _firstSeenAt = DateTime.UtcNow;
            context.Emit(value.Payload);
        }
    }

    internal partial class Inner
    {
        [StreamOperator]
        internal sealed partial class TreeBuilder : Processor<(string Parent, string Child), int>
        {
            private readonly object _gate = new();
            [State] private Dictionary<string, TreeNode> _nodes = new();
            [Transient] private Stream? _debugLog;

            public TreeBuilder()
            {
                _debugLog = Stream.Null;
            }

            public override void Process((string Parent, string Child) value, Context<int> context)
            {
                lock (_gate)
                {
                    if (!_nodes.TryGetValue(value.Parent, out var parent))
                    {
                        parent = _nodes[value.Parent] = new TreeNode { Label = value.Parent };
                    }

                    var child = new TreeNode { Label = value.Child, Parent = parent };
                    parent.Children.Add(child);
                    _nodes[value.Child] = child;
                    context.Emit(_nodes.Count);
                }
            }
        }
    }
}

[StreamOperator]
public partial class Passthrough<T> : Processor<T, T>
{
    [State] private long _forwarded;

    public override void Process(T value, Context<T> context)
    {
        _forwarded++;
        context.Emit(value);
    }
}

/// <summary>A class that is not an operator may hold anything; the rules only look at operators.</summary>
public sealed class Helper
{
    private Stream? _stream;
    private static int s_counter;

    public void Touch() => _stream = s_counter++ > 0 ? Stream.Null : _stream;
}
