using StreamGen.Analyzers.Tests.Infrastructure;

namespace StreamGen.Analyzers.Tests;

/// <summary>SG0003: static mutable fields in operators.</summary>
public sealed class StaticMutableFieldTests
{
    [Fact]
    public Task StaticMutableFieldsAreReported() =>
        AnalyzerVerifier.VerifyAsync("""
            using StreamGen;

            [StreamOperator]
            public partial class Op : Processor<string, string>
            {
                private static int {|SG0003:s_processed|};
                [ThreadStatic] private static List<string>? {|SG0003:t_buffer|};
                public static string {|SG0003:Prefix|} { get; set; } = "";

                public override void Process(string value, Context<string> context) => s_processed++;
            }
            """);

    [Fact]
    public Task StaticReadonlyConstAndTransientAreNotReported() =>
        AnalyzerVerifier.VerifyAsync("""
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
