using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using StreamGen.Analyzers.Symbols;

namespace StreamGen.Analyzers
{
    /// <summary>
    /// SG0007, SG0008, SG0012: a [StreamOperator] class must be declared so the generator can add a part to it —
    /// partial, inside partial types — and must be an operator the runtime can run.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class OperatorDeclarationAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.OperatorNotPartial,
            DiagnosticDescriptors.OperatorContainingTypeNotPartial,
            DiagnosticDescriptors.OperatorWithoutBase);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var symbols = StreamGenSymbols.Create(start.Compilation);
                if (symbols is not null)
                {
                    start.RegisterSymbolAction(c => Analyze(c, symbols), SymbolKind.NamedType);
                }
            });
        }

        private static void Analyze(SymbolAnalysisContext context, StreamGenSymbols symbols)
        {
            var type = (INamedTypeSymbol)context.Symbol;
            if (!symbols.IsOperator(type))
            {
                return;
            }

            var location = type.Locations[0];
            if (!symbols.DerivesFromStreamOperator(type))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.OperatorWithoutBase, location, type.Name));
            }

            if (!IsPartial(type, context.CancellationToken))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.OperatorNotPartial, location, type.Name));
            }

            // Report only the innermost non-partial container: the code fix makes all of them partial at once.
            for (var container = type.ContainingType; container is not null; container = container.ContainingType)
            {
                if (!IsPartial(container, context.CancellationToken))
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.OperatorContainingTypeNotPartial, location, type.Name, container.Name));
                    break;
                }
            }
        }

        /// <summary>
        /// A type is partial when one of its declarations says so (C# requires then that all do); a type with no
        /// source declaration is treated as partial because there is nothing to fix.
        /// </summary>
        internal static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            if (type.DeclaringSyntaxReferences.Length == 0)
            {
                return true;
            }

            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration
                    && declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
