using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StreamGen.Analyzers.Symbols;

namespace StreamGen.Analyzers
{
    /// <summary>
    /// SG0013: the state names of one operator (explicit <c>[State("name")]</c> or the member name) must be
    /// unique, because checkpoints store state by name.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class StateNameAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.DuplicateStateName);

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

            var byName = new Dictionary<string, ISymbol>(System.StringComparer.Ordinal);
            foreach (var member in type.GetMembers())
            {
                if (member is not (IFieldSymbol or IPropertySymbol) || member.IsImplicitlyDeclared || !symbols.IsState(member))
                {
                    continue;
                }

                var name = symbols.GetStateName(member);
                if (byName.TryGetValue(name, out var first))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.DuplicateStateName,
                        member.Locations[0],
                        additionalLocations: first.Locations,
                        type.Name,
                        member.Name,
                        name,
                        first.Name));
                }
                else
                {
                    byName.Add(name, member);
                }
            }
        }
    }
}
