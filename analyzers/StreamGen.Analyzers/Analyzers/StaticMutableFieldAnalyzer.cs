using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StreamGen.Analyzers.StateTypes;
using StreamGen.Analyzers.Symbols;

namespace StreamGen.Analyzers
{
    /// <summary>
    /// SG0003: a static field (or static auto-property with a setter) that is not readonly in an operator. All
    /// subtasks in a process share it, no checkpoint holds it, and every process has its own copy.
    /// </summary>
    /// <remarks>
    /// static readonly fields are accepted even when their type is mutable (a lookup table, a separator
    /// array): whether they are ever mutated is not visible to a symbol analysis, and flagging every one of
    /// them would drown the real cases. [Transient] is the explicit opt-out for deliberate process-wide data.
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class StaticMutableFieldAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.StaticMutableField);

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
                    start.RegisterSymbolAction(c => Analyze(c, symbols), SymbolKind.Field, SymbolKind.Property);
                }
            });
        }

        private static void Analyze(SymbolAnalysisContext context, StreamGenSymbols symbols)
        {
            var member = context.Symbol;
            if (!member.IsStatic || member.IsImplicitlyDeclared || !symbols.IsOperator(member.ContainingType))
            {
                return;
            }

            ITypeSymbol type;
            switch (member)
            {
                case IFieldSymbol field when !field.IsConst && !field.IsReadOnly:
                    type = field.Type;
                    break;
                case IPropertySymbol property when PropertyFacts.IsMutableAutoProperty(property, context.CancellationToken):
                    type = property.Type;
                    break;
                default:
                    return;
            }

            // A static [State] member is SG0005, which says more precisely what is wrong.
            if (symbols.IsState(member) || symbols.IsTransient(member))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.StaticMutableField,
                member.Locations[0],
                member.ContainingType.Name,
                member.Name,
                CheckpointableTypeClassifier.ShortName(type)));
        }
    }
}
