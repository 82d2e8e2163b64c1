using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StreamGen.Analyzers.CodeFixes
{
    /// <summary>
    /// SG0004: a class deriving from <c>StreamOperator</c> has [State] members but no [StreamOperator]; adds it.
    /// Offered only when the analyzer found the class to be an operator, so the intent is unambiguous.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddStreamOperatorAttributeCodeFixProvider))]
    [Shared]
    public sealed class AddStreamOperatorAttributeCodeFixProvider : CodeFixProvider
    {
        /// <summary>Equivalence key of the action.</summary>
        public const string Key = "StreamGen.AddStreamOperator";

        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.StateOutsideOperator);

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var type = root?.FindNode(context.Span).AncestorsAndSelf().OfType<ClassDeclarationSyntax>().FirstOrDefault();
            if (type is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.ContainsKey(StateMemberAnalyzer.CanAddOperatorAttributeProperty))
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Mark '{type.Identifier.ValueText}' [StreamOperator]",
                        ct => AttributeEditor.AddAttributeAsync(context.Document, type, "StreamOperator", ownLine: true, ct),
                        Key),
                    diagnostic);
            }
        }
    }
}
