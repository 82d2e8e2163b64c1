using StreamGen.Analyzers.CodeFixes;
using StreamGen.Analyzers.Tests.Infrastructure;

namespace StreamGen.Analyzers.Tests;

/// <summary>SG0001: [State] types that cannot be checkpointed; SG0015: unsupported key types.</summary>
public sealed class StateTypeTests
{
    [Theory]
    [InlineData("Stream")]
    [InlineData("MemoryStream")]
    [InlineData("Task")]
    [InlineData("Task<int>")]
    [InlineData("ValueTask<int>")]
    [InlineData("Thread")]
    [InlineData("CancellationToken")]
    [InlineData("CancellationTokenSource")]
    [InlineData("SemaphoreSlim")]
    [InlineData("Action")]
    [InlineData("Func<int, int>")]
    [InlineData("EventHandler")]
    [InlineData("System.Net.Sockets.Socket")]
    [InlineData("HttpClient")]
    [InlineData("IntPtr")]
    [InlineData("nint")]
    [InlineData("object")]
    [InlineData("dynamic")]
    [InlineData("IComparable")]
    [InlineData("IEnumerable<int>")]
    [InlineData("IList<string>")]
    [InlineData("IReadOnlyCollection<int>")]
    [InlineData("IDictionary<string, long>")]
    [InlineData("ISet<int>")]
    [InlineData("int[,]")]
    [InlineData("System.Text.StringBuilder")]
    [InlineData("Uri")]
    [InlineData("System.Collections.Concurrent.ConcurrentDictionary<string, int>")]
    [InlineData("LinkedList<int>")]
    [InlineData("System.Collections.ArrayList")]
    [InlineData("Tuple<int, string>")]
    [InlineData("KeyValuePair<string, int>")]
    [InlineData("List<Stream>")]
    [InlineData("Dictionary<string, Action>")]
    [InlineData("Dictionary<object, int>")]
    [InlineData("HashSet<Task>")]
    [InlineData("Queue<IDisposable>")]
    [InlineData("Stream[]")]
    [InlineData("(int Count, Stream Body)")]
    [InlineData("CancellationToken?")]
    [InlineData("Shape")]
    public Task UnsupportedFieldTypeIsReported(string type) =>
        AnalyzerVerifier.VerifyAsync($$"""
            using StreamGen;

            public abstract class Shape { public int Sides { get; set; } }

            [StreamOperator]
            public partial class Op : Processor<string, string>
            {
                [State] private {{type}} {|SG0001:_value|} = default!;

                public override void Process(string value, Context<string> context) { }
            }
            """);

    [Fact]
    public Task NestedProblemIsReportedWithItsPath() =>
        AnalyzerVerifier.VerifyAsync("""
            using StreamGen;

            public sealed record Line(string Sku, Stream Handle);
            public sealed record Order(Guid Id, List<Line> Items);

            [StreamOperator]
            public partial class Orders : KeyedProcessor<string, Order, Order>
            {
                [State] private Order? {|SG0001:_last|};

                public override void Process(Order value, Context<Order> context) => _last = value;
            }
            """);

    [Fact]
    public async Task NestedMessageNamesOperatorMemberTypeAndPath()
    {
        var compilation = TestCompilation.Create("""
            using StreamGen;

            public sealed record Line(string Sku, Stream Handle);
            public sealed record Order(Guid Id, List<Line> Items);

            [StreamOperator]
            public partial class Orders : KeyedProcessor<string, Order, Order>
            {
                [State] private Order? _last;

                public override void Process(Order value, Context<Order> context) => _last = value;
            }
            """);
        var diagnostic = Assert.Single(await AnalyzerVerifier.GetAnalyzerDiagnosticsAsync(compilation));
        var message = diagnostic.GetMessage();
        Assert.Contains("'Orders'", message);
        Assert.Contains("'_last'", message);
        Assert.Contains("'Order.Items[].Handle'", message);
        Assert.Contains("'Stream'", message);
        Assert.Equal("https://github.com/streamgen/streamgen/blob/main/docs/diagnostics/SG0001.md", diagnostic.Descriptor.HelpLinkUri);
    }

    [Fact]
    public Task UserTypesAreCheckedThroughCollectionsDictionariesAndTuples() =>
        AnalyzerVerifier.VerifyAsync("""
            using StreamGen;

            public sealed class Session
            {
                public string User { get; set; } = "";
                public Func<int>? Callback { get; set; }
            }

            public struct Reading
            {
                public double Value;
                public object Tag;
            }

            public sealed class Batch
            {
                public List<Stream> Parts { get; } = new();
                public IReadOnlyList<Stream> Derived => Parts;
            }

            public sealed class Sealed
            {
                private Sealed(int a) { A = a; }
                public int A { get; }
            }

            [StreamOperator]
            public partial class Op : Processor<string, string>
            {
                [State] private Dictionary<string, Session> {|SG0001:_sessions|} = new();
                [State] private (int Count, Reading Last) {|SG0001:_reading|};
                [State] private List<Sealed> {|SG0001:_sealed|} = new();
                [State] private Dictionary<string, List<Reading>>? {|SG0001:_byKey|};
                [State] private Batch {|SG0001:_batch|} = new();

                public override void Process(string value, Context<string> context) { }
            }
            """);

    [Fact]
    public Task StatePropertiesAreCheckedToo() =>
        AnalyzerVerifier.VerifyAsync("""
            using StreamGen;

            [StreamOperator]
            public partial class Op : Processor<string, string>
            {
                [State] private Stream? {|SG0001:Body|} { get; set; }

                public override void Process(string value, Context<string> context) { }
            }
            """);

    [Fact]
    public Task SupportedTypesAreNotReported() =>
        AnalyzerVerifier.VerifyAsync("""
            using StreamGen;

            public enum Level { Low, High }
            public sealed record Line(string Sku, int Quantity, decimal Price);
            public sealed record Order(Guid Id, DateTimeOffset At, List<Line> Lines, Level Level);
            public struct Point { public int X; public int Y; }
            public sealed class Tree { public List<Tree> Children { get; set; } = new(); public string Name { get; set; } = ""; }
            public sealed class Refilled
            {
                public Dictionary<string, int> Counts { get; } = new();
                public readonly List<Guid> Ids = new();
                public IEnumerable<Guid> Recent => Ids.Take(3);
            }
            public sealed class WithComputed
            {
                public WithComputed(int a, int b) { A = a; B = b; }
                public int A { get; }
                public int B { get; }
                public Action Derived => () => { };
            }

            [StreamOperator]
            public partial class Op : KeyedProcessor<Guid, string, string>
            {
                [State] private bool _b;
                [State] private char _c;
                [State] private sbyte _sb;
                [State] private byte _by;
                [State] private short _s;
                [State] private ushort _us;
                [State] private int _i;
                [State] private uint _ui;
                [State] private long _l;
                [State] private ulong _ul;
                [State] private float _f;
                [State] private double _d;
                [State] private decimal _m;
                [State] private string _str = "";
                [State] private string? _nullableString;
                [State] private Level _level;
                [State] private DateTime _dt;
                [State] private DateTimeOffset _dto;
                [State] private TimeSpan _ts;
                [State] private Guid _guid;
                [State] private int? _ni;
                [State] private Level? _nl;
                [State] private byte[] _bytes = Array.Empty<byte>();
                [State] private int[][] _jagged = Array.Empty<int[]>();
                [State] private List<string> _list = new();
                [State] private Dictionary<string, List<int>> _dict = new();
                [State] private HashSet<Guid> _set = new();
                [State] private Queue<(DateTime At, double Value)> _queue = new();
                [State] private (int, string) _tuple;
                [State] private Order? _order;
                [State] private Point _point;
                [State] private Point? _maybePoint;
                [State] private Tree _tree = new();
                [State] private WithComputed? _computed;
                [State] private Refilled _refilled = new();
                [State] private Dictionary<Level, Order[]> _orders = new();
                [State] private long Total { get; set; }

                public override void Process(string value, Context<string> context) { }
            }
            """);

    [Fact]
    public Task UnsupportedKeyTypeIsReported() =>
        AnalyzerVerifier.VerifyAsync("""
            using StreamGen;

            [StreamOperator]
            public partial class Op : KeyedProcessor<{|SG0015:object|}, string, string>
            {
                public override void Process(string value, Context<string> context) { }
            }
            """);

    [Fact]
    public Task SupportedKeyTypesAreNotReported() =>
        AnalyzerVerifier.VerifyAsync("""
            using StreamGen;

            public sealed record CustomerKey(string Region, int Id);

            [StreamOperator]
            public partial class A : KeyedProcessor<CustomerKey, string, string>
            {
                public override void Process(string value, Context<string> context) { }
            }

            [StreamOperator]
            public partial class B : StreamGen.KeyedProcessor<(string, int), string, string>
            {
                public override void Process(string value, Context<string> context) { }
            }
            """);

    [Theory]
    [InlineData("IList<int>", "List<int>")]
    [InlineData("ICollection<int>", "List<int>")]
    [InlineData("IEnumerable<string>", "List<string>")]
    [InlineData("IReadOnlyList<long>", "List<long>")]
    [InlineData("IDictionary<string, long>", "Dictionary<string, long>")]
    [InlineData("IReadOnlyDictionary<string, int>", "Dictionary<string, int>")]
    [InlineData("ISet<Guid>", "HashSet<Guid>")]
    [InlineData("IReadOnlySet<Guid>", "HashSet<Guid>")]
    public Task InterfaceIsReplacedByItsConcreteCollection(string declared, string concrete) =>
        CodeFixVerifier.VerifyFixAsync(
            $$"""
            using StreamGen;

            [StreamOperator]
            public partial class Op : Processor<string, string>
            {
                [State] private {{declared}} {|SG0001:_items|} = new {{concrete}}();

                public override void Process(string value, Context<string> context) { }
            }
            """,
            $$"""
            using StreamGen;

            [StreamOperator]
            public partial class Op : Processor<string, string>
            {
                [State] private {{concrete}} _items = new {{concrete}}();

                public override void Process(string value, Context<string> context) { }
            }
            """,
            UseConcreteCollectionCodeFixProvider.Key);

    [Fact]
    public Task QualifiedNullableInterfaceWithoutNamespaceImportIsReplaced() =>
        CodeFixVerifier.VerifyFixAsync(
            """
            namespace App
            {
                [StreamGen.StreamOperator]
                public partial class Op : StreamGen.Processor<string, string>
                {
                    [StreamGen.State] private System.Collections.Generic.IList<int>? {|SG0001:_items|};

                    public override void Process(string value, StreamGen.Context<string> context) { }
                }
            }
            """,
            """
            namespace App
            {
                [StreamGen.StreamOperator]
                public partial class Op : StreamGen.Processor<string, string>
                {
                    [StreamGen.State] private List<int>? _items;

                    public override void Process(string value, StreamGen.Context<string> context) { }
                }
            }
            """,
            UseConcreteCollectionCodeFixProvider.Key);

    [Fact]
    public Task PropertyInterfaceWithCollectionExpressionIsReplaced() =>
        CodeFixVerifier.VerifyFixAsync(
            """
            using StreamGen;

            [StreamOperator]
            public partial class Op : Processor<string, string>
            {
                [State] private IList<string> {|SG0001:Seen|} { get; set; } = [];

                public override void Process(string value, Context<string> context) { }
            }
            """,
            """
            using StreamGen;

            [StreamOperator]
            public partial class Op : Processor<string, string>
            {
                [State] private List<string> Seen { get; set; } = [];

                public override void Process(string value, Context<string> context) { }
            }
            """,
            UseConcreteCollectionCodeFixProvider.Key);

    [Fact]
    public Task NoFixWhenTheInitializerWouldNotCompile() =>
        CodeFixVerifier.VerifyNoFixAsync("""
            using StreamGen;

            [StreamOperator]
            public partial class Op : Processor<string, string>
            {
                [State] private IEnumerable<int> {|SG0001:_items|} = Array.Empty<int>();

                public override void Process(string value, Context<string> context) { }
            }
            """);

    [Fact]
    public Task NoFixForNonCollectionTypes() =>
        CodeFixVerifier.VerifyNoFixAsync("""
            using StreamGen;

            [StreamOperator]
            public partial class Op : Processor<string, string>
            {
                [State] private Stream? {|SG0001:_body|};
                [State] private IReadOnlyCollection<int>? {|SG0001:_ambiguous|};

                public override void Process(string value, Context<string> context) { }
            }
            """);
}
