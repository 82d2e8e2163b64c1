using System.Collections.Immutable;
using System.Composition;
using System.Linq;
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
    /// SG0005 on a <c>readonly</c> [State] field: removes <c>readonly</c>. SG0006 on an auto-property: turns
    /// <c>init</c> into <c>set</c>, or adds a <c>private set</c> to a get-only auto-property. Each only widens
    /// what may assign the member, so every existing use still compiles; static, const, computed and indexer
    /// cases need a decision and get no fix.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeStateAssignableCodeFixProvider))]
    [Shared]
    public sealed class MakeStateAssignableCodeFixProvider : CodeFixProvider
    {
        /// <summary>Equivalence key of the action.</summary>
        public const string Key = "StreamGen.MakeStateAssignable";

        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.StateMemberNotAssignable, DiagnosticIds.StatePropertyNotSupported);

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                var node = root.FindNode(diagnostic.Location.SourceSpan);
                var (title, replacement, original) = node switch
                {
                    VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax field } => RemoveReadonly(field),
                    PropertyDeclarationSyntax property => MakeSettable(property),
                    _ => (null, null, null),
                };
                if (title is null || replacement is null || original is null)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(title, _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(original, replacement))), Key),
                    diagnostic);
            }
        }

        private static (string?, SyntaxNode?, SyntaxNode?) RemoveReadonly(FieldDeclarationSyntax field)
        {
            var modifiers = field.Modifiers;
            var index = modifiers.IndexOf(SyntaxKind.ReadOnlyKeyword);
            if (index < 0 || modifiers.Any(SyntaxKind.StaticKeyword) || modifiers.Any(SyntaxKind.ConstKeyword))
            {
                return (null, null, null);
            }

            // The removed keyword's leading trivia (a line break, indentation, a comment) moves to the token after it.
            var removed = modifiers[index];
            var next = removed.GetNextToken();
            var updated = field.ReplaceToken(next, next.WithLeadingTrivia(removed.LeadingTrivia.AddRange(next.LeadingTrivia)));
            updated = updated.WithModifiers(updated.Modifiers.RemoveAt(index));

            return ("Remove 'readonly' so the state can be restored", updated, field);
        }

        private static (string?, SyntaxNode?, SyntaxNode?) MakeSettable(PropertyDeclarationSyntax property)
        {
            var accessors = property.AccessorList?.Accessors;
            if (accessors is null
                || property.Modifiers.Any(SyntaxKind.StaticKeyword)
                || property.Modifiers.Any(SyntaxKind.AbstractKeyword)
                || accessors.Value.Any(a => a.Body is not null || a.ExpressionBody is not null))
            {
                return (null, null, null);
            }

            var init = accessors.Value.FirstOrDefault(a => a.IsKind(SyntaxKind.InitAccessorDeclaration));
            if (init is not null)
            {
                var set = AccessorDeclaration(SyntaxKind.SetAccessorDeclaration)
                    .WithAttributeLists(init.AttributeLists)
                    .WithModifiers(init.Modifiers)
                    .WithKeyword(Token(init.Keyword.LeadingTrivia, SyntaxKind.SetKeyword, init.Keyword.TrailingTrivia))
                    .WithSemicolonToken(init.SemicolonToken);
                return ("Use 'set' instead of 'init' so the state can be restored", property.ReplaceNode(init, set), property);
            }

            if (accessors.Value.Count == 1 && accessors.Value[0].IsKind(SyntaxKind.GetAccessorDeclaration))
            {
                var getter = accessors.Value[0];
                var set = AccessorDeclaration(SyntaxKind.SetAccessorDeclaration)
                    .WithModifiers(TokenList(Token(TriviaList(), SyntaxKind.PrivateKeyword, TriviaList(Space))))
                    .WithSemicolonToken(Token(SyntaxKind.SemicolonToken))
                    .WithTrailingTrivia(getter.GetTrailingTrivia());
                var list = property.AccessorList!.WithAccessors(List(new[] { getter.WithTrailingTrivia(Space), set }));
                return ("Add a private setter so the state can be restored", property.WithAccessorList(list), property);
            }

            return (null, null, null);
        }
    }
}
