using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StreamGen.Analyzers.Symbols
{
    /// <summary>Facts about properties that Roslyn 4.14 does not expose on <see cref="IPropertySymbol"/>.</summary>
    internal static class PropertyFacts
    {
        /// <summary>
        /// True for an auto-property with a <c>set</c> accessor (not <c>init</c>): it is a mutable field in
        /// disguise. Properties with bodies compute values from other members and are not state of their own.
        /// </summary>
        public static bool IsMutableAutoProperty(IPropertySymbol property, CancellationToken cancellationToken)
        {
            if (property.IsAbstract || property.IsExtern || property.IsIndexer || property.SetMethod is null || property.SetMethod.IsInitOnly)
            {
                return false;
            }

            foreach (var reference in property.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is not PropertyDeclarationSyntax declaration
                    || declaration.AccessorList is null
                    || declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    return false;
                }

                foreach (var accessor in declaration.AccessorList.Accessors)
                {
                    if (accessor.Body is not null || accessor.ExpressionBody is not null)
                    {
                        return false;
                    }
                }

                return true;
            }

            return false;
        }
    }
}
