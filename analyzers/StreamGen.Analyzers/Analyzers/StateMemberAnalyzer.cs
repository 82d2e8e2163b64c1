using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StreamGen.Analyzers.Symbols;

namespace StreamGen.Analyzers
{
    /// <summary>
    /// SG0004, SG0005, SG0006, SG0014: a [State] attribute must sit on a member the generated code can
    /// checkpoint — an assignable instance field or get/set property of a [StreamOperator] class that is not
    /// also [Transient].
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class StateMemberAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property set on SG0004 when adding [StreamOperator] to the class would fix it.</summary>
        public const string CanAddOperatorAttributeProperty = "CanAddStreamOperator";

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.StateOutsideOperator,
            DiagnosticDescriptors.StateMemberNotAssignable,
            DiagnosticDescriptors.StatePropertyNotSupported,
            DiagnosticDescriptors.StateAndTransient);

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
            if (!symbols.IsState(member))
            {
                return;
            }

            var type = member.ContainingType;
            var location = member.Locations[0];
            if (!symbols.IsOperator(type))
            {
                var properties = type.TypeKind == TypeKind.Class && symbols.DerivesFromStreamOperator(type)
                    ? ImmutableDictionary<string, string?>.Empty.Add(CanAddOperatorAttributeProperty, "true")
                    : ImmutableDictionary<string, string?>.Empty;
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.StateOutsideOperator, location, properties, type.Name, member.Name));
            }

            if (symbols.IsTransient(member))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.StateAndTransient, location, type.Name, member.Name));
            }

            var notAssignable = member switch
            {
                IFieldSymbol { IsConst: true } => "a constant",
                IFieldSymbol { IsStatic: true } => "static",
                IFieldSymbol { IsReadOnly: true } => "readonly",
                IPropertySymbol { IsStatic: true } => "static",
                _ => null,
            };
            if (notAssignable is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.StateMemberNotAssignable, location, type.Name, member.Name, notAssignable));
                return;
            }

            if (member is IPropertySymbol property && DescribeUnsupportedProperty(property) is { } reason)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.StatePropertyNotSupported, location, type.Name, member.Name, reason));
            }
        }

        private static string? DescribeUnsupportedProperty(IPropertySymbol property)
        {
            if (property.IsIndexer)
            {
                return "is an indexer";
            }

            if (property.IsAbstract)
            {
                return "is abstract";
            }

            if (property.ReturnsByRef || property.ReturnsByRefReadonly)
            {
                return "returns by reference";
            }

            if (property.GetMethod is null)
            {
                return "has no get accessor";
            }

            if (property.SetMethod is null)
            {
                return "has no set accessor";
            }

            if (property.SetMethod.IsInitOnly)
            {
                return "has an init accessor, which only a constructor or object initializer may call";
            }

            return null;
        }
    }
}
