using System.Linq;
using Microsoft.CodeAnalysis;
using StreamGen.Generators.Helpers;

namespace StreamGen.Generators;

/// <summary>
/// Emits, for every <c>[StreamOperator]</c> class, the MessagePack serializers of its <c>[State]</c> members and
/// the implementation of the runtime's state contract: <c>ICheckpointedOperator</c> for operator state,
/// <c>IKeyedStateful</c> and <c>IKeyedStateAccessor</c> for keyed state; and, for every
/// <c>[MessagePackSerializable]</c> type, an <c>IMessagePackSerializer&lt;T&gt;</c> writing the same format.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class StreamGenGenerator : IIncrementalGenerator
{
    /// <summary>Names the tracked pipeline steps so incrementality tests can check they stay cached.</summary>
    internal static class TrackingNames
    {
        public const string OperatorModels = nameof(OperatorModels);
        public const string NonNullOperatorModels = nameof(NonNullOperatorModels);
        public const string PayloadModels = nameof(PayloadModels);
        public const string NonNullPayloadModels = nameof(NonNullPayloadModels);
        public const string Diagnostics = nameof(Diagnostics);
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

        // Payload types need not be partial: the serializer is a separate class beside them.
        var payloads = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                Parser.MessagePackSerializableAttributeName,
                predicate: static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax
                    or Microsoft.CodeAnalysis.CSharp.Syntax.StructDeclarationSyntax
                    or Microsoft.CodeAnalysis.CSharp.Syntax.RecordDeclarationSyntax,
                transform: static (ctx, token) => Parser.ParsePayload(ctx, token))
            .WithTrackingName(TrackingNames.PayloadModels)
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.NonNullPayloadModels);

        context.RegisterSourceOutput(payloads, static (spc, model) =>
        {
            spc.CancellationToken.ThrowIfCancellationRequested();
            spc.AddSource(model.HintName, PayloadEmitter.Emit(model));
        });

        // A user type reached from several operators or payloads is analyzed by each; its diagnostics are
        // reported once.
        var diagnostics = operators.Select(static (model, _) => model.Diagnostics).Collect()
            .Combine(payloads.Select(static (model, _) => model.Diagnostics).Collect())
            .Select(static (pair, _) => pair.Left.Concat(pair.Right).SelectMany(d => d).Distinct().ToImmutableEquatableArray())
            .WithTrackingName(TrackingNames.Diagnostics);

        context.RegisterSourceOutput(diagnostics, static (spc, infos) =>
        {
            foreach (var info in infos)
            {
                spc.ReportDiagnostic(info.ToDiagnostic());
            }
        });
    }
}
