using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace StreamGen.Analyzers.StateTypes
{
    /// <summary>
    /// The single definition of which types StreamGen can checkpoint, mirroring exactly what the source generator
    /// writes serializers for: primitives, <c>string</c>, enums, <c>DateTime</c>, <c>DateTimeOffset</c>,
    /// <c>TimeSpan</c>, <c>Guid</c>, <c>decimal</c>, nullables, single-dimensional arrays, <c>List&lt;T&gt;</c>,
    /// <c>Dictionary&lt;K,V&gt;</c>, <c>HashSet&lt;T&gt;</c>, <c>Queue&lt;T&gt;</c>, value tuples, and user
    /// records, classes and structs whose serialized members are supported, recursively.
    /// </summary>
    /// <remarks>
    /// Depends on nothing but Roslyn (and <see cref="StateTypeProblem"/>) so the generator can link the same file
    /// and both always agree. An instance holds the well-known types of one compilation and no mutable state:
    /// it is safe to share between concurrent analyzer callbacks.
    /// </remarks>
    internal sealed class CheckpointableTypeClassifier
    {
        private static readonly SymbolDisplayFormat ShortFormat = new SymbolDisplayFormat(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameOnly,
            genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
            miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        private readonly INamedTypeSymbol? _list;
        private readonly INamedTypeSymbol? _dictionary;
        private readonly INamedTypeSymbol? _hashSet;
        private readonly INamedTypeSymbol? _queue;
        private readonly INamedTypeSymbol? _dateTimeOffset;
        private readonly INamedTypeSymbol? _timeSpan;
        private readonly INamedTypeSymbol? _guid;
        private readonly INamedTypeSymbol? _disposable;
        private readonly INamedTypeSymbol? _asyncDisposable;
        private readonly INamedTypeSymbol? _transientAttribute;
        private readonly Dictionary<INamedTypeSymbol, string> _replaceableInterfaces;

        public CheckpointableTypeClassifier(Compilation compilation)
        {
            _list = compilation.GetTypeByMetadataName(ListMetadataName);
            _dictionary = compilation.GetTypeByMetadataName(DictionaryMetadataName);
            _hashSet = compilation.GetTypeByMetadataName(HashSetMetadataName);
            _queue = compilation.GetTypeByMetadataName("System.Collections.Generic.Queue`1");
            _dateTimeOffset = compilation.GetTypeByMetadataName("System.DateTimeOffset");
            _timeSpan = compilation.GetTypeByMetadataName("System.TimeSpan");
            _guid = compilation.GetTypeByMetadataName("System.Guid");
            _disposable = compilation.GetTypeByMetadataName("System.IDisposable");
            _asyncDisposable = compilation.GetTypeByMetadataName("System.IAsyncDisposable");
            _transientAttribute = compilation.GetTypeByMetadataName("StreamGen.TransientAttribute");

            // Only interfaces whose natural implementation is unambiguous get a suggested replacement;
            // e.g. IReadOnlyCollection<T> could be a list or a set, so it gets none.
            _replaceableInterfaces = new Dictionary<INamedTypeSymbol, string>(SymbolEqualityComparer.Default);
            AddReplaceable(compilation, "System.Collections.Generic.IList`1", ListMetadataName);
            AddReplaceable(compilation, "System.Collections.Generic.ICollection`1", ListMetadataName);
            AddReplaceable(compilation, "System.Collections.Generic.IEnumerable`1", ListMetadataName);
            AddReplaceable(compilation, "System.Collections.Generic.IReadOnlyList`1", ListMetadataName);
            AddReplaceable(compilation, "System.Collections.Generic.IDictionary`2", DictionaryMetadataName);
            AddReplaceable(compilation, "System.Collections.Generic.IReadOnlyDictionary`2", DictionaryMetadataName);
            AddReplaceable(compilation, "System.Collections.Generic.ISet`1", HashSetMetadataName);
            AddReplaceable(compilation, "System.Collections.Generic.IReadOnlySet`1", HashSetMetadataName);
        }

        /// <summary>The most elements a checkpointed value tuple may have.</summary>
        public const int MaxTupleElements = 7;

        /// <summary>Metadata name of <c>List&lt;T&gt;</c>.</summary>
        public const string ListMetadataName = "System.Collections.Generic.List`1";

        /// <summary>Metadata name of <c>Dictionary&lt;TKey, TValue&gt;</c>.</summary>
        public const string DictionaryMetadataName = "System.Collections.Generic.Dictionary`2";

        /// <summary>Metadata name of <c>HashSet&lt;T&gt;</c>.</summary>
        public const string HashSetMetadataName = "System.Collections.Generic.HashSet`1";

        /// <summary>The type's name without namespaces, as messages show it (<c>List&lt;Order&gt;</c>).</summary>
        public static string ShortName(ITypeSymbol type) => type.ToDisplayString(ShortFormat);

        /// <summary>Returns <see langword="null"/> when <paramref name="type"/> can be checkpointed, else the first problem found.</summary>
        public StateTypeProblem? Classify(ITypeSymbol type)
        {
            var path = new List<string>();
            var visiting = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
            return Classify(type, RootName(type), path, visiting);
        }

        /// <summary>Paths start at the underlying type: <c>Order.Items[]</c>, not <c>Order?.Items[]</c>.</summary>
        private static string RootName(ITypeSymbol type)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            return ShortName(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated));
        }

        private StateTypeProblem? Classify(ITypeSymbol type, string root, List<string> path, HashSet<ITypeSymbol> visiting)
        {
            switch (type)
            {
                case IErrorTypeSymbol:
                    // The compiler already reports an unknown type; a second error would only add noise.
                    return null;
                case IDynamicTypeSymbol:
                    return Problem(type, root, path, "is 'dynamic': the serializer needs the concrete type at compile time");
                case IPointerTypeSymbol:
                case IFunctionPointerTypeSymbol:
                    return Problem(type, root, path, "is a pointer: an address means nothing in another process or after a restart");
                case ITypeParameterSymbol:
                    return Problem(type, root, path, "is a type parameter: its concrete type is not known when the serializer is generated");
                case IArrayTypeSymbol array:
                    if (!array.IsSZArray)
                    {
                        return Problem(type, root, path, "is a multi-dimensional array: use a jagged array (T[][]) or a List<T>");
                    }

                    return Element(array.ElementType, "[]", root, path, visiting);
                case INamedTypeSymbol named:
                    return ClassifyNamed(named, root, path, visiting);
                default:
                    return Problem(type, root, path, "is not a type StreamGen can checkpoint");
            }
        }

        private StateTypeProblem? ClassifyNamed(INamedTypeSymbol type, string root, List<string> path, HashSet<ITypeSymbol> visiting)
        {
            if (type.IsRefLikeType)
            {
                return Problem(type, root, path, "is a ref struct: it lives on the stack and cannot be stored");
            }

            switch (type.SpecialType)
            {
                case SpecialType.System_Boolean:
                case SpecialType.System_Char:
                case SpecialType.System_SByte:
                case SpecialType.System_Byte:
                case SpecialType.System_Int16:
                case SpecialType.System_UInt16:
                case SpecialType.System_Int32:
                case SpecialType.System_UInt32:
                case SpecialType.System_Int64:
                case SpecialType.System_UInt64:
                case SpecialType.System_Single:
                case SpecialType.System_Double:
                case SpecialType.System_Decimal:
                case SpecialType.System_String:
                case SpecialType.System_DateTime:
                    return null;
                case SpecialType.System_IntPtr:
                case SpecialType.System_UIntPtr:
                    return Problem(type, root, path, "is a native pointer or handle: it means nothing in another process or after a restart");
                case SpecialType.System_Object:
                    return Problem(type, root, path, "can hold a value of any type: the serializer needs the concrete type at compile time");
                case SpecialType.System_ValueType:
                case SpecialType.System_Enum:
                case SpecialType.System_Array:
                case SpecialType.System_Delegate:
                case SpecialType.System_MulticastDelegate:
                    return Problem(type, root, path, "is not a concrete type: the serializer needs the concrete type at compile time");
            }

            if (type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
            {
                return Classify(type.TypeArguments[0], root, path, visiting);
            }

            if (type.TypeKind == TypeKind.Enum
                || Is(type, _dateTimeOffset)
                || Is(type, _timeSpan)
                || Is(type, _guid))
            {
                return null;
            }

            if (type.TypeKind == TypeKind.Delegate)
            {
                return Problem(type, root, path, "is a delegate: code and its captured variables cannot be checkpointed");
            }

            if (type.IsTupleType)
            {
                // The wire format writes a tuple as one array, and the generator caps it where C# nests a ValueTuple in TRest.
                if (type.TupleElements.Length > MaxTupleElements)
                {
                    return Problem(type, root, path, $"has more than {MaxTupleElements} elements: use a record instead");
                }

                var position = 1;
                foreach (var element in type.TupleElements)
                {
                    var name = element.IsExplicitlyNamedTupleElement ? element.Name : "Item" + position;
                    var problem = Element(element.Type, "." + name, root, path, visiting);
                    if (problem is not null)
                    {
                        return problem;
                    }

                    position++;
                }

                return null;
            }

            var definition = type.OriginalDefinition;
            if (Is(definition, _list) || Is(definition, _hashSet) || Is(definition, _queue))
            {
                return Element(type.TypeArguments[0], "[]", root, path, visiting);
            }

            if (Is(definition, _dictionary))
            {
                return Element(type.TypeArguments[0], "[key]", root, path, visiting)
                    ?? Element(type.TypeArguments[1], "[value]", root, path, visiting);
            }

            if (type.TypeKind == TypeKind.Interface)
            {
                if (_replaceableInterfaces.TryGetValue(definition, out var concrete))
                {
                    var concreteName = concrete.Substring(concrete.LastIndexOf('.') + 1, concrete.IndexOf('`') - concrete.LastIndexOf('.') - 1);
                    return Problem(
                        type,
                        root,
                        path,
                        $"is an interface: the serializer cannot tell which collection to create on restore; declare the concrete {concreteName}<…> instead",
                        concrete);
                }

                return Problem(type, root, path, "is an interface with no known serializable implementation: declare a concrete supported type");
            }

            if (IsFrameworkType(type))
            {
                return Problem(type, root, path, DescribeUnsupportedFrameworkType(type, isTopLevel: path.Count == 0));
            }

            return ClassifyUserType(type, root, path, visiting);
        }

        private StateTypeProblem? ClassifyUserType(INamedTypeSymbol type, string root, List<string> path, HashSet<ITypeSymbol> visiting)
        {
            if (type.TypeKind != TypeKind.Class && type.TypeKind != TypeKind.Struct)
            {
                return Problem(type, root, path, "is not a type StreamGen can checkpoint");
            }

            if (type.IsAbstract)
            {
                return Problem(type, root, path, "is abstract: the serializer cannot tell which concrete type to create on restore");
            }

            // A recursive type (a tree node holding a List of itself) is fine: its serializer recurses too.
            if (!visiting.Add(type))
            {
                return null;
            }

            try
            {
                for (var baseType = type.BaseType; baseType is not null && baseType.SpecialType != SpecialType.System_Object; baseType = baseType.BaseType)
                {
                    if (baseType.SpecialType == SpecialType.System_ValueType)
                    {
                        break;
                    }

                    if (IsFrameworkType(baseType))
                    {
                        return Problem(type, root, path, $"derives from '{ShortName(baseType)}', which StreamGen cannot checkpoint");
                    }
                }

                var members = GetSerializedMembers(type, out var constructible);

                // Member problems first: they say more than "no usable constructor" when a constructor
                // parameter's member is the unsupported part.
                foreach (var member in members)
                {
                    var problem = Element(member.Type, "." + member.Name, root, path, visiting);
                    if (problem is not null)
                    {
                        return problem;
                    }
                }

                if (!constructible)
                {
                    return Problem(type, root, path, "has no constructor the serializer can call: add a parameterless constructor, or one whose parameters match its members by name and type");
                }

                return null;
            }
            finally
            {
                visiting.Remove(type);
            }
        }

        /// <summary>
        /// The members the generated serializer writes, as the generator chooses them: visible (public or
        /// internal) instance fields and readable properties, except [Transient] ones, that are either
        /// assignable (a non-readonly field, a visible set or init accessor) or taken by the widest visible
        /// constructor whose parameters all match members by name and type. Get-only members no constructor
        /// takes are derived values and are not written — except get-only or readonly List, HashSet, Queue and
        /// Dictionary members, which the generated code clears and refills on restore.
        /// </summary>
        private List<(string Name, ITypeSymbol Type)> GetSerializedMembers(INamedTypeSymbol type, out bool constructible)
        {
            var candidates = new List<(string Name, ITypeSymbol Type, bool Assignable)>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object && current.SpecialType != SpecialType.System_ValueType; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member.IsStatic || member.IsImplicitlyDeclared || !IsAccessible(member.DeclaredAccessibility) || !seen.Add(member.Name) || IsTransient(member))
                    {
                        continue;
                    }

                    switch (member)
                    {
                        case IFieldSymbol { IsConst: false } field:
                            candidates.Add((field.Name, field.Type, !field.IsReadOnly));
                            break;
                        case IPropertySymbol { IsIndexer: false, GetMethod: { } getter } property
                            when IsAccessible(getter.DeclaredAccessibility) && property.Name != "EqualityContract":
                            candidates.Add((property.Name, property.Type, property.SetMethod is { } setter && IsAccessible(setter.DeclaredAccessibility)));
                            break;
                    }
                }
            }

            IMethodSymbol? constructor = null;
            constructible = type.IsValueType;
            foreach (var candidateConstructor in type.InstanceConstructors)
            {
                if (!IsAccessible(candidateConstructor.DeclaredAccessibility))
                {
                    continue;
                }

                if (candidateConstructor.Parameters.Length == 0)
                {
                    constructible = true;
                    continue;
                }

                var matches = candidateConstructor.Parameters.All(p => candidates.Any(c =>
                    string.Equals(c.Name, p.Name, StringComparison.OrdinalIgnoreCase)
                    && SymbolEqualityComparer.Default.Equals(c.Type, p.Type)));
                if (matches && (constructor is null || candidateConstructor.Parameters.Length > constructor.Parameters.Length))
                {
                    constructor = candidateConstructor;
                }
            }

            constructible |= constructor is not null;
            var members = new List<(string, ITypeSymbol)>();
            foreach (var candidate in candidates)
            {
                if (candidate.Assignable
                    || (constructor is not null && constructor.Parameters.Any(p => string.Equals(p.Name, candidate.Name, StringComparison.OrdinalIgnoreCase)))
                    || IsRefillableCollection(candidate.Type))
                {
                    members.Add((candidate.Name, candidate.Type));
                }
            }

            return members;
        }

        private bool IsRefillableCollection(ITypeSymbol type)
        {
            var definition = type.OriginalDefinition;
            return Is(definition, _list) || Is(definition, _hashSet) || Is(definition, _queue) || Is(definition, _dictionary);
        }

        private bool IsTransient(ISymbol member)
        {
            if (_transientAttribute is null)
            {
                return false;
            }

            foreach (var attribute in member.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _transientAttribute))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsAccessible(Accessibility accessibility) =>
            accessibility == Accessibility.Public
            || accessibility == Accessibility.Internal
            || accessibility == Accessibility.ProtectedOrInternal;

        /// <summary>
        /// Types of the base class library and Microsoft.* packages are supported only when listed above: the
        /// generator writes serializers for user types, and a framework type's public shape (a Uri, a
        /// StringBuilder, an ImmutableArray) says nothing reliable about its state.
        /// </summary>
        private static bool IsFrameworkType(INamedTypeSymbol type)
        {
            var ns = type.ContainingNamespace;
            if (ns is null || ns.IsGlobalNamespace)
            {
                return false;
            }

            while (!ns.ContainingNamespace.IsGlobalNamespace)
            {
                ns = ns.ContainingNamespace;
            }

            return ns.Name == "System" || ns.Name == "Microsoft";
        }

        private string DescribeUnsupportedFrameworkType(INamedTypeSymbol type, bool isTopLevel)
        {
            var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            if (ns == "System.Threading.Tasks")
            {
                return "is a running asynchronous operation, not data";
            }

            if (ns == "System.Threading")
            {
                return "is a thread, token or synchronization primitive: it belongs to the running process, not to the checkpoint";
            }

            if (Implements(type, _disposable) || Implements(type, _asyncDisposable))
            {
                // Only a member of the operator itself can become [Transient] and be created in Open.
                return isTopLevel
                    ? "is a live resource (a stream, socket, client, timer or handle), not data: mark the member [Transient] and create it in Open"
                    : "is a live resource (a stream, socket, client, timer or handle), not data";
            }

            return "is not a type StreamGen can checkpoint: use a primitive, string, enum, DateTime, DateTimeOffset, TimeSpan, Guid, decimal, an array, List, Dictionary, HashSet, Queue, a tuple or your own record";
        }

        private static bool Implements(INamedTypeSymbol type, INamedTypeSymbol? candidate)
        {
            if (candidate is null)
            {
                return false;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented, candidate))
                {
                    return true;
                }
            }

            return false;
        }

        private StateTypeProblem? Element(ITypeSymbol type, string segment, string root, List<string> path, HashSet<ITypeSymbol> visiting)
        {
            path.Add(segment);
            var problem = Classify(type, root, path, visiting);
            path.RemoveAt(path.Count - 1);
            return problem;
        }

        private static StateTypeProblem Problem(ITypeSymbol type, string root, List<string> path, string reason, string? concreteCollection = null) =>
            new StateTypeProblem(root + string.Concat(path), path.Count == 0, type, reason, path.Count == 0 ? concreteCollection : null);

        private static bool Is(ITypeSymbol type, INamedTypeSymbol? wellKnown) =>
            wellKnown is not null && SymbolEqualityComparer.Default.Equals(type, wellKnown);

        private void AddReplaceable(Compilation compilation, string interfaceMetadataName, string concreteMetadataName)
        {
            var symbol = compilation.GetTypeByMetadataName(interfaceMetadataName);
            if (symbol is not null)
            {
                _replaceableInterfaces[symbol] = concreteMetadataName;
            }
        }
    }
}
