using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StreamGen.Analyzers.StateTypes;
using StreamGen.Analyzers.Symbols;

namespace StreamGen.Analyzers
{
    /// <summary>
    /// SG0009: a generic operator is supported, but its [State] member types and key type must not depend on its
    /// type parameters, because serializers are generated once, at compile time.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class GenericOperatorStateAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.OperatorStateDependsOnTypeParameter);

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

                start.RegisterSymbolAction(c => AnalyzeMember(c, symbols), SymbolKind.Field, SymbolKind.Property);
                start.RegisterSymbolAction(c => AnalyzeKey(c, symbols), SymbolKind.NamedType);
            });
        }

        private static void AnalyzeMember(SymbolAnalysisContext context, StreamGenSymbols symbols)
        {
            var member = context.Symbol;
            if (member.IsStatic || !symbols.IsState(member) || !symbols.IsOperator(member.ContainingType))
            {
                return;
            }

            var type = member is IFieldSymbol field ? field.Type : ((IPropertySymbol)member).Type;
            if (FindTypeParameter(type) is { } typeParameter)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.OperatorStateDependsOnTypeParameter,
                    member.Locations[0],
                    member.ContainingType.Name,
                    $"State '{member.Name}'",
                    CheckpointableTypeClassifier.ShortName(type),
                    typeParameter.Name));
            }
        }

        private static void AnalyzeKey(SymbolAnalysisContext context, StreamGenSymbols symbols)
        {
            var type = (INamedTypeSymbol)context.Symbol;
            if (!symbols.IsOperator(type) || symbols.GetKeyedProcessorBase(type) is not { } keyedBase)
            {
                return;
            }

            var keyType = keyedBase.TypeArguments[0];
            if (FindTypeParameter(keyType) is { } typeParameter)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.OperatorStateDependsOnTypeParameter,
                    OperatorSyntax.FindKeyTypeArgumentLocation(type, context.CancellationToken) ?? type.Locations[0],
                    type.Name,
                    "The key type",
                    CheckpointableTypeClassifier.ShortName(keyType),
                    typeParameter.Name));
            }
        }

        private static ITypeParameterSymbol? FindTypeParameter(ITypeSymbol type)
        {
            switch (type)
            {
                case ITypeParameterSymbol typeParameter:
                    return typeParameter;
                case IArrayTypeSymbol array:
                    return FindTypeParameter(array.ElementType);
                case IPointerTypeSymbol pointer:
                    return FindTypeParameter(pointer.PointedAtType);
                case INamedTypeSymbol named:
                    foreach (var argument in named.TypeArguments)
                    {
                        if (FindTypeParameter(argument) is { } found)
                        {
                            return found;
                        }
                    }

                    // A type nested in a generic operator (Op<T>.Entry) depends on T through its container.
                    return named.ContainingType is { } container ? FindTypeParameter(container) : null;
                default:
                    return null;
            }
        }
    }
}
