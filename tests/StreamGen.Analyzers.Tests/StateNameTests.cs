using Verify = StreamGen.Analyzers.Tests.Infrastructure.AnalyzerVerifier<StreamGen.Analyzers.StateNameAnalyzer>;

namespace StreamGen.Analyzers.Tests;

/// <summary>SG0013: state names must be unique within an operator.</summary>
public sealed class StateNameTests
{
    [Fact]
    public Task DuplicateStateNamesAreReported() =>
        Verify.VerifyAsync(
            """
            using StreamGen;

            [StreamOperator]
            public partial class Op : Processor<string, string>
            {
                [State] private long {|#2:_count|};
                [State("_count")] private long {|#0:_renamed|};
                [State("sum")] private long {|#3:_a|};
                [State("sum")] private long {|#1:Sum|} { get; set; }

                public override void Process(string value, Context<string> context) { }
            }
            """,
            // Each duplicate also points at the member that has the name already.
            Verify.Diagnostic("SG0013").WithLocation(0).WithLocation(2).WithArguments("Op", "_renamed", "_count", "_count"),
            Verify.Diagnostic("SG0013").WithLocation(1).WithLocation(3).WithArguments("Op", "Sum", "sum", "_a"));

    [Fact]
    public Task DistinctStateNamesAreNotReported() =>
        Verify.VerifyAsync("""
            using StreamGen;

            [StreamOperator]
            public partial class Op : Processor<string, string>
            {
                [State("count")] private long _countV2;
                [State] private long _count;
                [State] private long Count { get; set; }

                public override void Process(string value, Context<string> context) { }
            }
            """);
}
