using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StreamGen.Generators.Tests.Infrastructure;

namespace StreamGen.Generators.Tests;

/// <summary>The pipeline's models are equatable: edits that do not touch an operator must not re-emit it.</summary>
public sealed class IncrementalityTests
{
    private const string Operator = """
        using System.Collections.Generic;
        using StreamGen;

        public sealed record Item(string Name, List<int> Values);

        [StreamOperator]
        public partial class Counter : KeyedProcessor<string, string, long>
        {
            [State] private long _count;
            [State] private Dictionary<string, Item> _items = new();

            public override void Process(string value, Context<long> context) => _count++;
        }
        """;

    private const string Payload = """
        using System.Collections.Generic;
        using StreamGen;

        namespace Shop;

        public sealed record Line(string Sku, int Quantity);

        [MessagePackSerializable]
        public sealed record Order(string Customer, List<Line> Lines)
        {
            public int Priority { get; set; } = 3;
        }
        """;

    private const string Unrelated = """
        public static class Helper
        {
            public static int Twice(int x) => x * 2;
        }
        """;

    [Fact]
    public void An_unrelated_edit_leaves_every_tracked_step_cached_or_unchanged()
    {
        var compilation = GeneratorHarness.CreateCompilation(Operator, Unrelated);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        var unrelatedTree = compilation.SyntaxTrees.Last();
        var edited = compilation.ReplaceSyntaxTree(
            unrelatedTree,
            CSharpSyntaxTree.ParseText(Unrelated.Replace("x * 2", "x + x", StringComparison.Ordinal), GeneratorHarness.ParseOptions, unrelatedTree.FilePath));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var steps = result.TrackedSteps
            .Where(step => step.Key is StreamGenGenerator.TrackingNames.OperatorModels or StreamGenGenerator.TrackingNames.NonNullOperatorModels)
            .SelectMany(step => step.Value)
            .SelectMany(run => run.Outputs)
            .ToList();
        Assert.NotEmpty(steps);
        Assert.All(steps, output => Assert.True(
            output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
            $"step output was {output.Reason}"));
        Assert.All(result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(run => run.Outputs), output =>
            Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void An_unrelated_edit_leaves_the_payload_pipeline_cached()
    {
        var compilation = GeneratorHarness.CreateCompilation(Payload, Unrelated);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        Assert.Contains(driver.GetRunResult().GeneratedTrees, tree => tree.FilePath.EndsWith("Shop.Order.MessagePackSerializer.g.cs", StringComparison.Ordinal));

        var unrelatedTree = compilation.SyntaxTrees.Last();
        var edited = compilation.ReplaceSyntaxTree(
            unrelatedTree,
            CSharpSyntaxTree.ParseText(Unrelated.Replace("x * 2", "x + x", StringComparison.Ordinal), GeneratorHarness.ParseOptions, unrelatedTree.FilePath));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var steps = result.TrackedSteps
            .Where(step => step.Key is StreamGenGenerator.TrackingNames.PayloadModels or StreamGenGenerator.TrackingNames.NonNullPayloadModels)
            .SelectMany(step => step.Value)
            .SelectMany(run => run.Outputs)
            .ToList();
        Assert.NotEmpty(steps);
        Assert.All(steps, output => Assert.True(
            output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
            $"step output was {output.Reason}"));
        Assert.All(result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(run => run.Outputs), output =>
            Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void An_edit_to_a_payload_member_regenerates()
    {
        var compilation = GeneratorHarness.CreateCompilation(Payload);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        var tree = compilation.SyntaxTrees.Single();
        var edited = compilation.ReplaceSyntaxTree(
            tree,
            CSharpSyntaxTree.ParseText(Payload.Replace("int Quantity", "long Quantity", StringComparison.Ordinal), GeneratorHarness.ParseOptions, tree.FilePath));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var outputs = result.TrackedSteps[StreamGenGenerator.TrackingNames.NonNullPayloadModels].SelectMany(run => run.Outputs);
        Assert.Contains(outputs, output => output.Reason == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void An_edit_to_a_state_member_regenerates()
    {
        var compilation = GeneratorHarness.CreateCompilation(Operator);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        var tree = compilation.SyntaxTrees.Single();
        var edited = compilation.ReplaceSyntaxTree(
            tree,
            CSharpSyntaxTree.ParseText(Operator.Replace("private long _count", "private int _count", StringComparison.Ordinal), GeneratorHarness.ParseOptions, tree.FilePath));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var outputs = result.TrackedSteps[StreamGenGenerator.TrackingNames.NonNullOperatorModels].SelectMany(run => run.Outputs);
        Assert.Contains(outputs, output => output.Reason == IncrementalStepRunReason.Modified);
    }

    [Theory]
    [InlineData(StreamGenGenerator.TrackingNames.NonNullOperatorModels)]
    [InlineData(StreamGenGenerator.TrackingNames.NonNullPayloadModels)]
    public void The_model_holds_no_roslyn_objects(string step)
    {
        var compilation = GeneratorHarness.CreateCompilation(Operator, Payload);
        var result = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation).GetRunResult().Results.Single();
        var models = result.TrackedSteps[step]
            .SelectMany(run => run.Outputs)
            .Select(output => output.Value)
            .ToList();
        Assert.NotEmpty(models);
        Assert.All(models, model => AssertNoRoslynObjects(model, new HashSet<object>(ReferenceEqualityComparer.Instance)));
    }

    // Walks the model's object graph: a symbol, node or compilation in it would pin a whole compilation
    // in memory and make every comparison fail, defeating the cache.
    private static void AssertNoRoslynObjects(object? value, HashSet<object> visited)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !visited.Add(value))
        {
            return;
        }

        Assert.False(value is ISymbol or SyntaxNode or Compilation or SemanticModel, $"model holds a {value.GetType()}");
        if (value is System.Collections.IEnumerable sequence)
        {
            foreach (var item in sequence)
            {
                AssertNoRoslynObjects(item, visited);
            }

            return;
        }

        foreach (var property in value.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0))
        {
            AssertNoRoslynObjects(property.GetValue(value), visited);
        }
    }
}
