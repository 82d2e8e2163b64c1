using Microsoft.CodeAnalysis;
using StreamGen.Analyzers.Tests.Infrastructure;
using Verify = StreamGen.Analyzers.Tests.Infrastructure.AnalyzerVerifier<StreamGen.Analyzers.OperatorIdAnalyzer>;

namespace StreamGen.Analyzers.Tests;

/// <summary>SG0011: duplicate explicit operator ids in one job graph definition.</summary>
public sealed class OperatorIdTests
{
    /// <summary>
    /// A stand-in for the fluent job graph API, in a StreamGen namespace as the real one is: the rule keys on a
    /// StreamGen method named <c>Uid</c> with a constant argument, not on a particular builder type.
    /// </summary>
    private const string JobApi = """
        namespace StreamGen.AnalyzerTestStubs
        {
            public sealed class Job
            {
                public Stream<T> FromKafka<T>(string topic) => new();
            }

            public sealed class Stream<T>
            {
                public Stream<T> KeyBy<TKey>(Func<T, TKey> selector) => this;
                public Stream<T> Process<TOperator>() => this;
                public Stream<T> Uid(string id) => this;
                public void ToKafka(string topic) { }
            }

            public static class Host
            {
                public static void AddStreamGen(Action<Job> configure) => configure(new Job());
            }
        }

        namespace Other
        {
            public sealed class Builder
            {
                public Builder Uid(string id) => this;
            }
        }
        """;

    [Fact]
    public Task DuplicateIdsInOneChainAreReported() =>
        Verify.VerifyAsync(JobApi + """

            namespace App
            {
                using StreamGen.AnalyzerTestStubs;

                public static class Program
                {
                    private const string CountId = "count";

                    public static void Configure() =>
                        Host.AddStreamGen(job => job
                            .FromKafka<string>("words")
                            .Process<object>().Uid({|#3:"count"|})
                            .KeyBy(w => w)
                            .Process<object>().Uid({|#0:CountId|})
                            .Process<object>().Uid({|#1:"count"|})
                            .ToKafka("counts"));

                    public static void TwoChains(Job job)
                    {
                        job.FromKafka<string>("a").Process<object>().Uid({|#4:"x"|}).ToKafka("b");
                        job.FromKafka<string>("c").Process<object>().Uid({|#2:"x"|}).ToKafka("d");
                    }
                }
            }
            """,
            // Each duplicate also points at the id it repeats.
            Verify.Diagnostic("SG0011").WithLocation(0).WithLocation(3).WithArguments("count"),
            Verify.Diagnostic("SG0011").WithLocation(1).WithLocation(3).WithArguments("count"),
            Verify.Diagnostic("SG0011").WithLocation(2).WithLocation(4).WithArguments("x"));

    [Fact]
    public Task DuplicateIdsInTopLevelStatementsAreReported() =>
        new StreamGenAnalyzerTest<OperatorIdAnalyzer>
        {
            TestCode = """
                using StreamGen.AnalyzerTestStubs;

                var job = new Job();
                job.FromKafka<string>("a").Uid({|#1:"source"|}).Process<object>().Uid("count").ToKafka("b");
                job.FromKafka<string>("c").Uid({|#0:"source"|}).ToKafka("d");

                """ + JobApi,
            TestState = { OutputKind = OutputKind.ConsoleApplication },
            ExpectedDiagnostics = { Verify.Diagnostic("SG0011").WithLocation(0).WithLocation(1).WithArguments("source") },
        }.RunAsync();

    [Fact]
    public Task DistinctIdsSeparateMethodsAndOtherLibrariesAreNotReported() =>
        Verify.VerifyAsync(JobApi + """

            namespace App
            {
                using StreamGen.AnalyzerTestStubs;

                public static class Program
                {
                    public static void First(Job job) => job.FromKafka<string>("a").Uid("source").Process<object>().Uid("count").ToKafka("b");

                    public static void Second(Job job) => job.FromKafka<string>("a").Uid("source").Process<object>().Uid("count").ToKafka("b");

                    public static void Dynamic(Job job, string id)
                    {
                        job.FromKafka<string>("a").Uid(id).ToKafka("b");
                        job.FromKafka<string>("a").Uid(id).ToKafka("b");
                    }

                    public static void NotStreamGen(Other.Builder builder) => builder.Uid("same").Uid("same");
                }
            }
            """);
}
