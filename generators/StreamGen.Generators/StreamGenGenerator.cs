using Microsoft.CodeAnalysis;

namespace StreamGen.Generators;

/// <summary>
/// Emits, for every <c>[StreamOperator]</c> class, the MessagePack serializers of its <c>[State]</c> members and
/// the implementation of the runtime's state contract: <c>ICheckpointedOperator</c> for operator state,
/// <c>IKeyedStateful</c> and <c>IKeyedStateAccessor</c> for keyed state.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class StreamGenGenerator : IIncrementalGenerator
{
    /// <summary>Names the tracked pipeline steps so incrementality tests can check they stay cached.</summary>
    internal static class TrackingNames
    {
        public const string OperatorModels = nameof(OperatorModels);
        public const string NonNullOperatorModels = nameof(NonNullOperatorModels);
    }

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var operators = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                Parser.StreamOperatorAttributeName,
                predicate: static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax,
                transform: static (ctx, token) => Parser.Parse(ctx, token))
            .WithTrackingName(TrackingNames.OperatorModels)
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.NonNullOperatorModels);

        context.RegisterSourceOutput(operators, static (spc, model) =>
        {
            spc.CancellationToken.ThrowIfCancellationRequested();
            spc.AddSource(model.HintName, Emitter.Emit(model));
        });
    }
}
