using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StreamGen.Analyzers.StateTypes;
using StreamGen.Analyzers.Symbols;

namespace StreamGen.Analyzers
{
    /// <summary>
    /// SG0002: a mutable instance field (or auto-property with a non-public setter) of an operator that is neither
    /// [State] nor [Transient]. Its value would silently go back to its initial value after a restore.
    /// </summary>
    /// <remarks>
    /// readonly fields, constants and init-only properties are left alone: they are set up at construction,
    /// which is repeated on every restore.
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UndeclaredMutableFieldAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.MutableFieldNotDeclared);

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
            if (member.IsStatic || member.IsImplicitlyDeclared || !symbols.IsOperator(member.ContainingType))
            {
                return;
            }

            ITypeSymbol type;
            switch (member)
            {
                case IFieldSymbol field when !field.IsConst && !field.IsReadOnly:
                    type = field.Type;
                    break;
                // A public setter reads as configuration, set where the operator is created — which happens
                // again on every restore. A setter only the class can call makes the property internal state.
                case IPropertySymbol property
                    when property.SetMethod?.DeclaredAccessibility != Accessibility.Public
                         && PropertyFacts.IsMutableAutoProperty(property, context.CancellationToken):
                    type = property.Type;
                    break;
                default:
                    return;
            }

            if (symbols.IsState(member) || symbols.IsTransient(member))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.MutableFieldNotDeclared,
                member.Locations[0],
                member.ContainingType.Name,
                member.Name,
                CheckpointableTypeClassifier.ShortName(type)));
        }
    }
}
