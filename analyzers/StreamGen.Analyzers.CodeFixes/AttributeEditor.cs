using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace StreamGen.Analyzers.CodeFixes
{
    /// <summary>
    /// Adds a StreamGen attribute to a declaration the way a person would type it: <c>[State] private long _count;</c>
    /// inline on members, on its own line above types, and <c>using StreamGen;</c> only when the short name
    /// does not already resolve.
    /// </summary>
    internal static class AttributeEditor
    {
        /// <summary>Returns the document with <c>[<paramref name="shortName"/>]</c> added to <paramref name="declaration"/>.</summary>
        /// <param name="document">The document holding <paramref name="declaration"/>.</param>
        /// <param name="declaration">A field, property or type declaration.</param>
        /// <param name="shortName">The attribute name without the <c>Attribute</c> suffix, e.g. <c>State</c>.</param>
        /// <param name="ownLine">Whether the attribute goes on its own line (types) or inline (members).</param>
        /// <param name="cancellationToken">Cancels the edit.</param>
        public static async Task<Document> AddAttributeAsync(
            Document document, MemberDeclarationSyntax declaration, string shortName, bool ownLine, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            var metadataName = "StreamGen." + shortName + "Attribute";
            var attributeType = model.Compilation.GetTypeByMetadataName(metadataName);
            var inScope = attributeType is not null && model
                .LookupNamespacesAndTypes(declaration.SpanStart, name: shortName + "Attribute")
                .Any(s => SymbolEqualityComparer.Default.Equals(s, attributeType));

            var firstToken = declaration.Modifiers.Count > 0 ? declaration.Modifiers[0] : FirstTokenAfterAttributes(declaration);
            var leading = firstToken.LeadingTrivia;
            SyntaxTriviaList trailing;
            SyntaxTriviaList tokenLeading;
            if (ownLine)
            {
                // The attribute takes the declaration's comments and indentation; the declaration keeps the indentation.
                var indentation = leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia)
                    ? TriviaList(leading[leading.Count - 1])
                    : TriviaList();
                trailing = TriviaList(EndOfLine(DetectEndOfLine(root)));
                tokenLeading = indentation;
            }
            else
            {
                trailing = TriviaList(Space);
                tokenLeading = TriviaList();
            }

            // NormalizeWhitespace drops the factory's elastic trivia, which would let the formatter move the
            // attribute to a line of its own.
            var list = AttributeList(SingletonSeparatedList(Attribute(IdentifierName(shortName))))
                .NormalizeWhitespace()
                .WithLeadingTrivia(leading)
                .WithTrailingTrivia(trailing);
            var updated = declaration
                .ReplaceToken(firstToken, firstToken.WithLeadingTrivia(tokenLeading))
                .AddAttributeLists(list);
            var newRoot = root.ReplaceNode(declaration, updated);

            if (!inScope && newRoot is CompilationUnitSyntax unit)
            {
                newRoot = AddStreamGenUsing(unit, DetectEndOfLine(root));
            }

            return document.WithSyntaxRoot(newRoot);
        }

        private static SyntaxToken FirstTokenAfterAttributes(MemberDeclarationSyntax declaration)
        {
            var token = declaration.GetFirstToken();
            while (token.Parent is not null && token.Parent.AncestorsAndSelf().Any(n => n is AttributeListSyntax))
            {
                token = token.GetNextToken();
            }

            return token;
        }

        private static CompilationUnitSyntax AddStreamGenUsing(CompilationUnitSyntax unit, string endOfLine)
        {
            var directive = UsingDirective(ParseName("StreamGen"))
                .WithUsingKeyword(Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(Space))
                .WithTrailingTrivia(EndOfLine(endOfLine))
                .WithAdditionalAnnotations(Formatter.Annotation);
            if (unit.Usings.Count > 0)
            {
                return unit.AddUsings(directive);
            }

            // Keep a file header comment above the new using, and a blank line between it and the code.
            var first = unit.GetFirstToken();
            return unit
                .ReplaceToken(first, first.WithLeadingTrivia(EndOfLine(endOfLine)))
                .WithUsings(SingletonList(directive.WithLeadingTrivia(first.LeadingTrivia)));
        }

        private static string DetectEndOfLine(SyntaxNode root) =>
            root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)).ToString() is { Length: > 0 } eol ? eol : "\n";
    }
}
