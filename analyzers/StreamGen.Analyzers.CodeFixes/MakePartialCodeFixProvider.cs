using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace StreamGen.Analyzers.CodeFixes
{
    /// <summary>
    /// SG0007 and SG0008: adds <c>partial</c> to the operator class and to every type it is nested in, so one
    /// fix leaves nothing for the generator to trip over.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFixProvider))]
    [Shared]
    public sealed class MakePartialCodeFixProvider : CodeFixProvider
    {
        /// <summary>Equivalence key of the action.</summary>
        public const string Key = "StreamGen.MakePartial";

        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.OperatorNotPartial, DiagnosticIds.OperatorContainingTypeNotPartial);

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var type = root?.FindNode(context.Span).AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault();
            if (root is null || type is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Make '{type.Identifier.ValueText}' partial",
                        ct => Task.FromResult(MakePartial(context.Document, root, type, ct)),
                        Key),
                    diagnostic);
            }
        }

        private static Document MakePartial(Document document, SyntaxNode root, TypeDeclarationSyntax type, CancellationToken cancellationToken)
        {
            var targets = type.AncestorsAndSelf()
                .OfType<TypeDeclarationSyntax>()
                .Where(t => !t.Modifiers.Any(SyntaxKind.PartialKeyword))
                .ToList();
            cancellationToken.ThrowIfCancellationRequested();
            var newRoot = root.ReplaceNodes(targets, (_, rewritten) => AddPartial(rewritten));
            return document.WithSyntaxRoot(newRoot);
        }

        /// <summary>C# requires 'partial' right before the type keyword, so it goes last among the modifiers.</summary>
        private static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax declaration)
        {
            if (declaration.Modifiers.Count > 0)
            {
                return declaration.WithModifiers(declaration.Modifiers.Add(Token(TriviaList(), SyntaxKind.PartialKeyword, TriviaList(Space))));
            }

            var keyword = declaration.Keyword;
            var partial = Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, TriviaList(Space));
            return declaration
                .WithKeyword(keyword.WithLeadingTrivia())
                .WithModifiers(TokenList(partial));
        }
    }
}
