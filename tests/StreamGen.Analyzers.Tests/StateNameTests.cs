using StreamGen.Analyzers.Tests.Infrastructure;

namespace StreamGen.Analyzers.Tests;

/// <summary>SG0013: state names must be unique within an operator.</summary>
public sealed class StateNameTests
{
    [Fact]
    public Task DuplicateStateNamesAreReported() =>
        AnalyzerVerifier.VerifyAsync("""
            using StreamGen;

            [StreamOperator]
            public partial class Op : Processor<string, string>
            {
                [State] private long _count;
                [State("_count")] private long {|SG0013:_renamed|};
                [State("sum")] private long _a;
                [State("sum")] private long {|SG0013:Sum|} { get; set; }

                public override void Process(string value, Context<string> context) { }
            }
            """);

    [Fact]
    public Task DistinctStateNamesAreNotReported() =>
        AnalyzerVerifier.VerifyAsync("""
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
