using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using StreamGen.Analyzers.Symbols;

namespace StreamGen.Analyzers
{
    /// <summary>
    /// SG0010: keyed state read or written where no key is current — a constructor, a field or property
    /// initializer, or an override of <c>Open</c>, <c>Close</c> or <c>OnCheckpointComplete</c> of a
    /// <c>KeyedProcessor</c>. Outside <c>Process</c> the fields hold no key's value.
    /// </summary>
    /// <remarks>
    /// Only direct uses are reported. Uses inside lambdas and local functions are skipped: they may run later,
    /// inside <c>Process</c>, and a syntactic rule cannot tell.
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class KeyedStateAccessAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.KeyedStateWithoutKey);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var symbols = StreamGenSymbols.Create(start.Compilation);
                if (symbols?.KeyedProcessor is null)
                {
                    return;
                }

                start.RegisterOperationAction(
                    c => Analyze(c, symbols, ((IMemberReferenceOperation)c.Operation).Member, ((IMemberReferenceOperation)c.Operation).Instance),
                    OperationKind.FieldReference,
                    OperationKind.PropertyReference);
            });
        }

        private static void Analyze(OperationAnalysisContext context, StreamGenSymbols symbols, ISymbol member, IOperation? instance)
        {
            var where = DescribeKeylessContext(context.ContainingSymbol, member, symbols);
            if (where is null
                || member.IsStatic
                || instance is not IInstanceReferenceOperation
                || !symbols.IsState(member)
                || symbols.GetKeyedProcessorBase(member.ContainingType) is null
                || IsDeferredOrNotEvaluated(context.Operation))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.KeyedStateWithoutKey,
                context.Operation.Syntax.GetLocation(),
                member.ContainingType.Name,
                member.Name,
                where));
        }

        /// <summary>Names the member the operation is in when no key is current there, else <see langword="null"/>.</summary>
        private static string? DescribeKeylessContext(ISymbol containingSymbol, ISymbol referenced, StreamGenSymbols symbols)
        {
            switch (containingSymbol)
            {
                case IMethodSymbol { MethodKind: MethodKind.Constructor } constructor:
                    return "the constructor of '" + constructor.ContainingType.Name + "'";
                case IMethodSymbol { IsOverride: true } method when OverridesLifecycleMethod(method, symbols):
                    return "'" + method.Name + "'";
                case IFieldSymbol or IPropertySymbol when !SymbolEqualityComparer.Default.Equals(containingSymbol, referenced):
                    return "the initializer of '" + containingSymbol.Name + "'";
                default:
                    return null;
            }
        }

        private static bool OverridesLifecycleMethod(IMethodSymbol method, StreamGenSymbols symbols)
        {
            for (var overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
            {
                if (SymbolEqualityComparer.Default.Equals(overridden.ContainingType, symbols.StreamOperator))
                {
                    return overridden.Name is "Open" or "Close" or "OnCheckpointComplete";
                }
            }

            return false;
        }

        private static bool IsDeferredOrNotEvaluated(IOperation operation)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation or INameOfOperation)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
