using Verify = StreamGen.Analyzers.Tests.Infrastructure.AnalyzerVerifier<StreamGen.Analyzers.StaticMutableFieldAnalyzer>;

namespace StreamGen.Analyzers.Tests;

/// <summary>SG0003: static mutable fields in operators.</summary>
public sealed class StaticMutableFieldTests
{
    [Fact]
    public Task StaticMutableFieldsAreReported() =>
        Verify.VerifyAsync(
            """
            using StreamGen;

            [StreamOperator]
            public partial class Op : Processor<string, string>
            {
                private static int {|#0:s_processed|};
                [ThreadStatic] private static List<string>? {|#1:t_buffer|};
                public static string {|#2:Prefix|} { get; set; } = "";

                public override void Process(string value, Context<string> context) => s_processed++;
            }
            """,
            Verify.Diagnostic("SG0003").WithLocation(0).WithArguments("Op", "s_processed", "int"),
            Verify.Diagnostic("SG0003").WithLocation(1).WithArguments("Op", "t_buffer", "List<string>?"),
            Verify.Diagnostic("SG0003").WithLocation(2).WithArguments("Op", "Prefix", "string"));

    [Fact]
    public Task StaticReadonlyConstAndTransientAreNotReported() =>
        Verify.VerifyAsync("""
            using StreamGen;

            [StreamOperator]
            public partial class Op : Processor<string, string>
            {
                private const string Name = "op";
                private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
                private static readonly char[] Separators = { ' ' };
                [Transient] private static long s_metricsCounter;
                public static string Prefix { get; } = "p";

                public override void Process(string value, Context<string> context) { }
            }

            public static class Helpers
            {
                public static int Mutable;
            }
            """);
}
