using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StreamGen.Analyzers.StateTypes;
using StreamGen.Analyzers.Symbols;

namespace StreamGen.Analyzers
{
    /// <summary>
    /// SG0001 and SG0015: every [State] member type, and the key type of a keyed operator, must be a type the
    /// generated serializers can write and read back.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class StateTypeAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property naming the concrete collection that can replace a state member's interface type.</summary>
        public const string ConcreteCollectionProperty = "ConcreteCollection";

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.StateTypeNotCheckpointable,
            DiagnosticDescriptors.KeyTypeNotCheckpointable);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var symbols = StreamGenSymbols.Create(start.Compilation);
                if (symbols is null)
                {
                    return;
                }

                var classifier = new CheckpointableTypeClassifier(start.Compilation);
                start.RegisterSymbolAction(c => AnalyzeMember(c, symbols, classifier), SymbolKind.Field, SymbolKind.Property);
                start.RegisterSymbolAction(c => AnalyzeKeyType(c, symbols, classifier), SymbolKind.NamedType);
            });
        }

        private static void AnalyzeMember(SymbolAnalysisContext context, StreamGenSymbols symbols, CheckpointableTypeClassifier classifier)
        {
            var member = context.Symbol;
            // Static and const [State] members are SG0005; judging their type as well would only repeat the point.
            if (member.IsStatic || member is IFieldSymbol { IsConst: true } || !symbols.IsState(member) || !symbols.IsOperator(member.ContainingType))
            {
                return;
            }

            var type = member is IFieldSymbol field ? field.Type : ((IPropertySymbol)member).Type;
            // A type parameter is SG0009's concern, which explains the generic operator case better.
            var problem = classifier.Classify(type);
            if (problem is null || problem.OffendingType is ITypeParameterSymbol)
            {
                return;
            }

            var properties = problem.ConcreteCollectionMetadataName is null
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty.Add(ConcreteCollectionProperty, problem.ConcreteCollectionMetadataName);
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.StateTypeNotCheckpointable,
                member.Locations[0],
                properties,
                member.ContainingType.Name,
                member.Name,
                CheckpointableTypeClassifier.ShortName(type),
                problem.Describe()));
        }

        private static void AnalyzeKeyType(SymbolAnalysisContext context, StreamGenSymbols symbols, CheckpointableTypeClassifier classifier)
        {
            var type = (INamedTypeSymbol)context.Symbol;
            if (!symbols.IsOperator(type) || symbols.GetKeyedProcessorBase(type) is not { } keyedBase)
            {
                return;
            }

            var keyType = keyedBase.TypeArguments[0];
            var problem = classifier.Classify(keyType);
            if (problem is null || problem.OffendingType is ITypeParameterSymbol)
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.KeyTypeNotCheckpointable,
                OperatorSyntax.FindKeyTypeArgumentLocation(type, context.CancellationToken) ?? type.Locations[0],
                type.Name,
                CheckpointableTypeClassifier.ShortName(keyType),
                problem.Describe()));
        }
    }
}
