using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StreamGen.Analyzers.Symbols
{
    /// <summary>Where in an operator's declaration a diagnostic reads best.</summary>
    internal static class OperatorSyntax
    {
        /// <summary>
        /// Points at <c>TKey</c> in <c>: KeyedProcessor&lt;TKey, …&gt;</c> when the class names the keyed base
        /// directly; <see langword="null"/> when the key comes from an intermediate base class.
        /// </summary>
        public static Location? FindKeyTypeArgumentLocation(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is not ClassDeclarationSyntax declaration || declaration.BaseList is null)
                {
                    continue;
                }

                foreach (var baseType in declaration.BaseList.Types)
                {
                    var name = baseType.Type is QualifiedNameSyntax qualified ? qualified.Right : baseType.Type as SimpleNameSyntax;
                    if (name is GenericNameSyntax generic
                        && generic.Identifier.ValueText == "KeyedProcessor"
                        && generic.TypeArgumentList.Arguments.Count == 3)
                    {
                        return generic.TypeArgumentList.Arguments[0].GetLocation();
                    }
                }
            }

            return null;
        }
    }
}
