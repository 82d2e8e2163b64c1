using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace StreamGen.Analyzers
{
    /// <summary>
    /// SG0011: two <c>.Uid("…")</c> calls with the same constant id in one member body, where a job graph is
    /// built. Ids computed at run time or spread over several methods are left to the runtime's graph check.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class OperatorIdAnalyzer : DiagnosticAnalyzer
    {
        private const string UidMethodName = "Uid";

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.DuplicateOperatorId);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);

            // Each kind is an outermost body, so no invocation is seen by two actions; lambdas and local
            // functions belong to the body they are written in, which is where a fluent job graph usually is.
            context.RegisterSyntaxNodeAction(
                AnalyzeBody,
                SyntaxKind.MethodDeclaration,
                SyntaxKind.ConstructorDeclaration,
                SyntaxKind.DestructorDeclaration,
                SyntaxKind.OperatorDeclaration,
                SyntaxKind.ConversionOperatorDeclaration,
                SyntaxKind.GetAccessorDeclaration,
                SyntaxKind.SetAccessorDeclaration,
                SyntaxKind.InitAccessorDeclaration,
                SyntaxKind.AddAccessorDeclaration,
                SyntaxKind.RemoveAccessorDeclaration,
                SyntaxKind.ArrowExpressionClause,
                SyntaxKind.FieldDeclaration,
                SyntaxKind.CompilationUnit);
        }

        private static void AnalyzeBody(SyntaxNodeAnalysisContext context)
        {
            IEnumerable<SyntaxNode> roots = context.Node switch
            {
                // Top-level statements: one program body spread over the compilation unit's global statements.
                CompilationUnitSyntax unit => GlobalStatements(unit),
                // Only the expression body of a property or indexer; method and accessor arrows are inside their declarations.
                ArrowExpressionClauseSyntax arrow when arrow.Parent is PropertyDeclarationSyntax or IndexerDeclarationSyntax => new[] { arrow },
                ArrowExpressionClauseSyntax => System.Array.Empty<SyntaxNode>(),
                _ => new[] { context.Node },
            };

            // Source order, not tree order: in a fluent chain the last call is the outermost node, and the
            // first use of an id is the one that should stand.
            var uses = new List<(string Id, ExpressionSyntax Argument)>();
            foreach (var root in roots)
            {
                foreach (var node in root.DescendantNodes())
                {
                    if (node is InvocationExpressionSyntax invocation
                        && invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: UidMethodName }
                        && invocation.ArgumentList.Arguments.Count == 1
                        && context.SemanticModel.GetConstantValue(invocation.ArgumentList.Arguments[0].Expression, context.CancellationToken) is { HasValue: true, Value: string id }
                        && IsStreamGenMethod(context.SemanticModel.GetSymbolInfo(invocation, context.CancellationToken).Symbol))
                    {
                        uses.Add((id, invocation.ArgumentList.Arguments[0].Expression));
                    }
                }
            }

            if (uses.Count < 2)
            {
                return;
            }

            uses.Sort((a, b) => a.Argument.SpanStart.CompareTo(b.Argument.SpanStart));
            var first = new Dictionary<string, Location>(System.StringComparer.Ordinal);
            foreach (var (id, argument) in uses)
            {
                if (first.TryGetValue(id, out var firstLocation))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.DuplicateOperatorId,
                        argument.GetLocation(),
                        additionalLocations: new[] { firstLocation },
                        id));
                }
                else
                {
                    first.Add(id, argument.GetLocation());
                }
            }
        }

        private static IEnumerable<SyntaxNode> GlobalStatements(CompilationUnitSyntax unit)
        {
            foreach (var member in unit.Members)
            {
                if (member is GlobalStatementSyntax statement)
                {
                    yield return statement;
                }
            }
        }

        /// <summary>Only StreamGen's own <c>Uid</c> counts; other libraries may have methods of that name.</summary>
        private static bool IsStreamGenMethod(ISymbol? symbol)
        {
            var ns = symbol?.ContainingType?.ContainingNamespace;
            if (ns is null || ns.IsGlobalNamespace)
            {
                return false;
            }

            while (!ns.ContainingNamespace.IsGlobalNamespace)
            {
                ns = ns.ContainingNamespace;
            }

            return ns.Name == "StreamGen";
        }
    }
}
