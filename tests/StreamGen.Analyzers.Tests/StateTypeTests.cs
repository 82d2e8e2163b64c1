using StreamGen.Analyzers.CodeFixes;
using Fix = StreamGen.Analyzers.Tests.Infrastructure.CodeFixVerifier<StreamGen.Analyzers.StateTypeAnalyzer, StreamGen.Analyzers.CodeFixes.UseConcreteCollectionCodeFixProvider>;
using Verify = StreamGen.Analyzers.Tests.Infrastructure.AnalyzerVerifier<StreamGen.Analyzers.StateTypeAnalyzer>;

namespace StreamGen.Analyzers.Tests;

/// <summary>SG0001: [State] types that cannot be checkpointed; SG0015: unsupported key types.</summary>
public sealed class StateTypeTests
{
    // The reasons the message gives, one per kind of type: the message must say why, not only that.
    private const string LiveResource = "is a live resource (a stream, socket, client, timer or handle), not data";
    private const string MarkItTransient = ": mark the member [Transient] and create it in Open";
    private const string Asynchronous = "is a running asynchronous operation, not data";
    private const string ProcessBound = "is a thread, token or synchronization primitive: it belongs to the running process, not to the checkpoint";
    private const string Delegate = "is a delegate: code and its captured variables cannot be checkpointed";
    private const string NativeHandle = "is a native pointer or handle: it means nothing in another process or after a restart";
    private const string AnyType = "can hold a value of any type: the serializer needs the concrete type at compile time";
    private const string NoKnownImplementation = "is an interface with no known serializable implementation: declare a concrete supported type";
    private const string CollectionInterface = "is an interface: the serializer cannot tell which collection to create on restore; declare the concrete ";
    private const string NotSupported = "is not a type StreamGen can checkpoint: use a primitive, string, enum, DateTime, DateTimeOffset, TimeSpan, Guid, decimal, an array, List, Dictionary, HashSet, Queue, a tuple or your own record";

    [Theory]
    [InlineData("Stream", "Stream", "'Stream' " + LiveResource + MarkItTransient)]
    [InlineData("MemoryStream", "MemoryStream", "'MemoryStream' " + LiveResource + MarkItTransient)]
    [InlineData("System.Net.Sockets.Socket", "Socket", "'Socket' " + LiveResource + MarkItTransient)]
    [InlineData("HttpClient", "HttpClient", "'HttpClient' " + LiveResource + MarkItTransient)]
    [InlineData("Task", "Task", "'Task' " + Asynchronous)]
    [InlineData("Task<int>", "Task<int>", "'Task<int>' " + Asynchronous)]
    [InlineData("ValueTask<int>", "ValueTask<int>", "'ValueTask<int>' " + Asynchronous)]
    [InlineData("Thread", "Thread", "'Thread' " + ProcessBound)]
    [InlineData("CancellationToken", "CancellationToken", "'CancellationToken' " + ProcessBound)]
    [InlineData("CancellationToken?", "CancellationToken?", "'CancellationToken' " + ProcessBound)]
    [InlineData("CancellationTokenSource", "CancellationTokenSource", "'CancellationTokenSource' " + ProcessBound)]
    [InlineData("SemaphoreSlim", "SemaphoreSlim", "'SemaphoreSlim' " + ProcessBound)]
    [InlineData("Action", "Action", "'Action' " + Delegate)]
    [InlineData("Func<int, int>", "Func<int, int>", "'Func<int, int>' " + Delegate)]
    [InlineData("EventHandler", "EventHandler", "'EventHandler' " + Delegate)]
    [InlineData("IntPtr", "nint", "'nint' " + NativeHandle)]
    [InlineData("nint", "nint", "'nint' " + NativeHandle)]
    [InlineData("object", "object", "'object' " + AnyType)]
    [InlineData("dynamic", "dynamic", "'dynamic' is 'dynamic': the serializer needs the concrete type at compile time")]
    [InlineData("IComparable", "IComparable", "'IComparable' " + NoKnownImplementation)]
    [InlineData("IReadOnlyCollection<int>", "IReadOnlyCollection<int>", "'IReadOnlyCollection<int>' " + NoKnownImplementation)]
    [InlineData("IEnumerable<int>", "IEnumerable<int>", "'IEnumerable<int>' " + CollectionInterface + "List<…> instead")]
    [InlineData("IList<string>", "IList<string>", "'IList<string>' " + CollectionInterface + "List<…> instead")]
    [InlineData("IDictionary<string, long>", "IDictionary<string, long>", "'IDictionary<string, long>' " + CollectionInterface + "Dictionary<…> instead")]
    [InlineData("ISet<int>", "ISet<int>", "'ISet<int>' " + CollectionInterface + "HashSet<…> instead")]
    [InlineData("int[,]", "int[,]", "'int[,]' is a multi-dimensional array: use a jagged array (T[][]) or a List<T>")]
    [InlineData("System.Text.StringBuilder", "StringBuilder", "'StringBuilder' " + NotSupported)]
    [InlineData("Uri", "Uri", "'Uri' " + NotSupported)]
    [InlineData("System.Collections.Concurrent.ConcurrentDictionary<string, int>", "ConcurrentDictionary<string, int>", "'ConcurrentDictionary<string, int>' " + NotSupported)]
    [InlineData("LinkedList<int>", "LinkedList<int>", "'LinkedList<int>' " + NotSupported)]
    [InlineData("System.Collections.ArrayList", "ArrayList", "'ArrayList' " + NotSupported)]
    [InlineData("Tuple<int, string>", "Tuple<int, string>", "'Tuple<int, string>' " + NotSupported)]
    [InlineData("KeyValuePair<string, int>", "KeyValuePair<string, int>", "'KeyValuePair<string, int>' " + NotSupported)]
    [InlineData("List<Stream>", "List<Stream>", "'List<Stream>[]' has type 'Stream', which " + LiveResource)]
    [InlineData("Dictionary<string, Action>", "Dictionary<string, Action>", "'Dictionary<string, Action>[value]' has type 'Action', which " + Delegate)]
    [InlineData("Dictionary<object, int>", "Dictionary<object, int>", "'Dictionary<object, int>[key]' has type 'object', which " + AnyType)]
    [InlineData("HashSet<Task>", "HashSet<Task>", "'HashSet<Task>[]' has type 'Task', which " + Asynchronous)]
    [InlineData("Queue<IDisposable>", "Queue<IDisposable>", "'Queue<IDisposable>[]' has type 'IDisposable', which " + NoKnownImplementation)]
    [InlineData("Stream[]", "Stream[]", "'Stream[][]' has type 'Stream', which " + LiveResource)]
    [InlineData("(int Count, Stream Body)", "(int Count, Stream Body)", "'(int Count, Stream Body).Body' has type 'Stream', which " + LiveResource)]
    [InlineData("Shape", "Shape", "'Shape' is abstract: the serializer cannot tell which concrete type to create on restore")]
    public Task UnsupportedFieldTypeIsReported(string type, string shownAs, string problem) =>
        Verify.VerifyAsync(
            $$"""
            using StreamGen;

            public abstract class Shape { public int Sides { get; set; } }

            [StreamOperator]
            public partial class Op : Processor<string, string>
            {
                [State] private {{type}} {|#0:_value|} = default!;

                public override void Process(string value, Context<string> context) { }
            }
            """,
            Verify.Diagnostic("SG0001").WithLocation(0).WithArguments("Op", "_value", shownAs, problem));

    [Fact]
    public Task NestedProblemIsReportedWithItsPath() =>
        Verify.VerifyAsync(
            """
            using StreamGen;

            public sealed record Line(string Sku, Stream Handle);
            public sealed record Order(Guid Id, List<Line> Items);

            [StreamOperator]
            public partial class Orders : KeyedProcessor<string, Order, Order>
            {
                [State] private Order? {|#0:_last|};

                public override void Process(Order value, Context<Order> context) => _last = value;
            }
            """,
            Verify.Diagnostic("SG0001").WithLocation(0).WithArguments("Orders", "_last", "Order?", "'Order.Items[].Handle' has type 'Stream', which is a live resource (a stream, socket, client, timer or handle), not data"));

    [Fact]
    public Task UserTypesAreCheckedThroughCollectionsDictionariesAndTuples() =>
        Verify.VerifyAsync(
            """
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
                [State] private Dictionary<string, Session> {|#0:_sessions|} = new();
                [State] private (int Count, Reading Last) {|#1:_reading|};
                [State] private List<Sealed> {|#2:_sealed|} = new();
                [State] private Dictionary<string, List<Reading>>? {|#3:_byKey|};
                [State] private Batch {|#4:_batch|} = new();

                public override void Process(string value, Context<string> context) { }
            }
            """,
            Verify.Diagnostic("SG0001").WithLocation(0).WithArguments("Op", "_sessions", "Dictionary<string, Session>", "'Dictionary<string, Session>[value].Callback' has type 'Func<int>?', which is a delegate: code and its captured variables cannot be checkpointed"),
            Verify.Diagnostic("SG0001").WithLocation(1).WithArguments("Op", "_reading", "(int Count, Reading Last)", "'(int Count, Reading Last).Last.Tag' has type 'object', which can hold a value of any type: the serializer needs the concrete type at compile time"),
            Verify.Diagnostic("SG0001").WithLocation(2).WithArguments("Op", "_sealed", "List<Sealed>", "'List<Sealed>[]' has type 'Sealed', which has no constructor the serializer can call: add a parameterless constructor, or one whose parameters match its members by name and type"),
            Verify.Diagnostic("SG0001").WithLocation(3).WithArguments("Op", "_byKey", "Dictionary<string, List<Reading>>?", "'Dictionary<string, List<Reading>>[value][].Tag' has type 'object', which can hold a value of any type: the serializer needs the concrete type at compile time"),
            Verify.Diagnostic("SG0001").WithLocation(4).WithArguments("Op", "_batch", "Batch", "'Batch.Parts[]' has type 'Stream', which is a live resource (a stream, socket, client, timer or handle), not data"));

    [Fact]
    public Task StatePropertiesAreCheckedToo() =>
        Verify.VerifyAsync(
            """
            using StreamGen;

            [StreamOperator]
            public partial class Op : Processor<string, string>
            {
                [State] private Stream? {|#0:Body|} { get; set; }

                public override void Process(string value, Context<string> context) { }
            }
            """,
            Verify.Diagnostic("SG0001").WithLocation(0).WithArguments("Op", "Body", "Stream?", "'Stream?' is a live resource (a stream, socket, client, timer or handle), not data: mark the member [Transient] and create it in Open"));

    [Fact]
    public Task SupportedTypesAreNotReported() =>
        Verify.VerifyAsync("""
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
        Verify.VerifyAsync(
            """
            using StreamGen;

            [StreamOperator]
            public partial class Op : KeyedProcessor<{|#0:object|}, string, string>
            {
                public override void Process(string value, Context<string> context) { }
            }
            """,
            Verify.Diagnostic("SG0015").WithLocation(0).WithArguments("Op", "object", "'object' can hold a value of any type: the serializer needs the concrete type at compile time"));

    [Fact]
    public Task SupportedKeyTypesAreNotReported() =>
        Verify.VerifyAsync("""
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
        Fix.VerifyFixAsync(
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
        Fix.VerifyFixAsync(
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
        Fix.VerifyFixAsync(
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
        Fix.VerifyNoFixAsync("""
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
        Fix.VerifyNoFixAsync("""
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
