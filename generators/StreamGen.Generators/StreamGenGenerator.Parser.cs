using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StreamGen.Generators.Helpers;
using StreamGen.Generators.Model;

namespace StreamGen.Generators;

public sealed partial class StreamGenGenerator
{
    /// <summary>
    /// Turns an operator symbol into an <see cref="OperatorModel"/>, and a <c>[MessagePackSerializable]</c> type into a
    /// <see cref="PayloadModel"/>; the only place that sees Roslyn symbols.
    /// </summary>
    internal sealed partial class Parser
    {
        public const string StreamOperatorAttributeName = "StreamGen.StreamOperatorAttribute";
        public const string MessagePackSerializableAttributeName = "StreamGen.MessagePackSerializableAttribute";
        private const string StateAttributeName = "StreamGen.StateAttribute";
        private const string TransientAttributeName = "StreamGen.TransientAttribute";
        private const string KeyedProcessorName = "StreamGen.KeyedProcessor`3";

        // Code names keep nested nullable annotations (List<string?> differs from List<string> in the
        // generated signatures); schema names drop them because both are the same bytes on the wire.
        private static readonly SymbolDisplayFormat CodeFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        private static readonly SymbolDisplayFormat SchemaFormat = SymbolDisplayFormat.FullyQualifiedFormat;

        private readonly Dictionary<string, ObjectModel?> _objects = new(StringComparer.Ordinal);
        private readonly List<string> _objectOrder = new();
        private readonly List<DiagnosticInfo> _diagnostics = new();
        private readonly CancellationToken _token;
        private readonly LocationInfo? _rootLocation;

        // Payload types are not checked by the analyzers (they look at [State] members only), so every member the
        // generator cannot encode is reported here; for state, visible members are the analyzers' SG0001.
        private readonly bool _reportVisibleMembers;

        private Parser(ISymbol root, bool reportVisibleMembers, CancellationToken token)
        {
            _rootLocation = LocationInfo.From(root.Locations.FirstOrDefault(l => l.IsInSource));
            _reportVisibleMembers = reportVisibleMembers;
            _token = token;
        }

        public static OperatorModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken token)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not ClassDeclarationSyntax declaration)
            {
                return null;
            }

            // A class that is not partial (or nested in a non-partial type) cannot receive generated members;
            // the analyzers report it, and generating anyway would only add a second, confusing error.
            if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword) || type.IsStatic)
            {
                return null;
            }

            for (var outer = declaration.Parent as TypeDeclarationSyntax; outer is not null; outer = outer.Parent as TypeDeclarationSyntax)
            {
                if (!outer.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    return null;
                }
            }

            // A hand-written implementation wins: the operator (or a base) already speaks the contract.
            if (type.AllInterfaces.Any(i => i.ContainingNamespace?.ToDisplayString() == "StreamGen.State"
                    && i.Name is "ICheckpointedOperator" or "IKeyedStateful" or "IKeyedStateAccessor"))
            {
                return null;
            }

            token.ThrowIfCancellationRequested();
            return new Parser(type, reportVisibleMembers: false, token).ParseOperator(type);
        }

        /// <summary>
        /// Builds the model of a <c>[MessagePackSerializable]</c> type, or returns null when it gets no serializer: no
        /// encoding (abstract, framework, no usable constructor), generic, or not visible at namespace level.
        /// </summary>
        public static PayloadModel? ParsePayload(GeneratorAttributeSyntaxContext context, CancellationToken token)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type || type.IsFileLocal)
            {
                return null;
            }

            // The serializer is a namespace-level type naming T in its signature, so T must be nameable there
            // without type parameters of its own or of an enclosing type.
            var accessibility = EffectiveAccessibility(type);
            for (var t = type; t is not null; t = t.ContainingType)
            {
                if (t.IsGenericType || t.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
                {
                    return null;
                }
            }

            token.ThrowIfCancellationRequested();
            return new Parser(type, reportVisibleMembers: true, token).ParsePayloadType(type, accessibility);
        }

        private PayloadModel? ParsePayloadType(INamedTypeSymbol type, Accessibility accessibility)
        {
            if (!IsUserObject(type) || AnalyzeType(type) is not { Kind: StateTypeKind.Object } root)
            {
                return null;
            }

            var valid = UsableObjects();
            if (!Resolves(root, valid))
            {
                return null;
            }

            var prefix = string.Concat(ContainingTypes(type).Select(t => t.Name));
            return new PayloadModel(
                Namespace: type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
                SerializerName: prefix + type.Name + "MessagePackSerializer",
                Accessibility: accessibility == Accessibility.Public ? "public" : "internal",
                DisplayName: type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat),
                HintName: HintName(type, "MessagePackSerializer.g.cs"),
                Type: root,
                Objects: ObjectModels(valid),
                Diagnostics: _diagnostics.Distinct().ToImmutableEquatableArray());
        }

        private static IEnumerable<INamedTypeSymbol> ContainingTypes(INamedTypeSymbol type)
        {
            var outer = new List<INamedTypeSymbol>();
            for (var t = type.ContainingType; t is not null; t = t.ContainingType)
            {
                outer.Insert(0, t);
            }

            return outer;
        }

        private OperatorModel? ParseOperator(INamedTypeSymbol type)
        {
            TypeModel? keyType = null;
            ITypeSymbol? keySymbol = null;
            for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
            {
                if (GetMetadataName(baseType.OriginalDefinition) == KeyedProcessorName)
                {
                    keySymbol = baseType.TypeArguments[0];
                    keyType = AnalyzeType(keySymbol);

                    // Without a key encoding there is no keyed contract to implement (the analyzers report it).
                    if (keyType is null)
                    {
                        return null;
                    }

                    break;
                }
            }

            var members = new List<StateMemberModel>();
            var accessibility = Accessibility.Public;
            foreach (var member in type.GetMembers())
            {
                _token.ThrowIfCancellationRequested();
                var stateAttribute = member.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == StateAttributeName);
                if (stateAttribute is null || member.IsStatic || member.IsImplicitlyDeclared)
                {
                    continue;
                }

                ITypeSymbol memberType;
                switch (member)
                {
                    // Generated code assigns the member on restore and on every keyed load; a member it cannot
                    // assign is left to the analyzers to report rather than breaking the build here.
                    case IFieldSymbol { IsReadOnly: false, IsConst: false } field:
                        memberType = field.Type;
                        break;
                    case IPropertySymbol { IsIndexer: false, GetMethod: not null, SetMethod: { IsInitOnly: false } } property:
                        memberType = property.Type;
                        break;
                    default:
                        continue;
                }

                var typeModel = AnalyzeType(memberType);
                if (typeModel is null)
                {
                    continue;
                }

                accessibility = Min(accessibility, EffectiveAccessibility(memberType));
                var stateName = stateAttribute.ConstructorArguments.Length == 1 && stateAttribute.ConstructorArguments[0].Value is string name
                    ? name
                    : member.Name;
                members.Add(new StateMemberModel(member.Name, stateName, SchemaName(memberType), memberType.ToDisplayString(CodeFormat), typeModel));
            }

            if (keySymbol is not null)
            {
                accessibility = Min(accessibility, EffectiveAccessibility(keySymbol));
            }

            var valid = UsableObjects();
            if (keyType is not null && !Resolves(keyType, valid))
            {
                return null;
            }

            members.RemoveAll(m => !Resolves(m.Type, valid));

            var containing = new List<ContainingTypeModel>();
            for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                containing.Insert(0, new ContainingTypeModel(DeclarationKeyword(outer), NameWithTypeParameters(outer)));
            }

            var displayName = type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
            return new OperatorModel(
                Namespace: type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
                ContainingTypes: containing.ToImmutableEquatableArray(),
                NameWithTypeParameters: NameWithTypeParameters(type),
                DisplayName: displayName,
                HintName: HintName(type, "StreamGen.g.cs"),
                KeyType: keyType,
                KeyedStateAccessibility: accessibility switch
                {
                    Accessibility.Public => "public",
                    Accessibility.Internal => "internal",
                    _ => "private",
                },
                StateMembers: members.ToImmutableEquatableArray(),
                Objects: ObjectModels(valid),
                Diagnostics: _diagnostics.Distinct().ToImmutableEquatableArray());
        }

        /// <summary>
        /// The analyzed user types that can be serialized. A type found unusable late (no constructor its members
        /// can satisfy) may already be referenced by types analyzed inside it; everything that depends on it is
        /// dropped too, so the output always compiles.
        /// </summary>
        private HashSet<string> UsableObjects()
        {
            var valid = new HashSet<string>(_objects.Where(o => o.Value is not null).Select(o => o.Key), StringComparer.Ordinal);
            bool changed;
            do
            {
                changed = false;
                foreach (var name in valid.ToList())
                {
                    if (!_objects[name]!.Members.All(m => Resolves(m.Type, valid)))
                    {
                        valid.Remove(name);
                        changed = true;
                    }
                }
            }
            while (changed);

            return valid;
        }

        private ImmutableEquatableArray<ObjectModel> ObjectModels(HashSet<string> valid)
            => _objectOrder.Where(valid.Contains).Select(n => _objects[n]!).ToImmutableEquatableArray();

        private static bool Resolves(TypeModel type, HashSet<string> objects)
            => type.Kind == StateTypeKind.Object ? objects.Contains(type.FullName) : type.Arguments.All(a => Resolves(a, objects));

        /// <summary>Describes <paramref name="type"/>, or returns null when it has no MessagePack encoding.</summary>
        private TypeModel? AnalyzeType(ITypeSymbol type)
        {
            _token.ThrowIfCancellationRequested();
            var codeName = type.IsReferenceType
                ? type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(CodeFormat)
                : type.ToDisplayString(CodeFormat);

            var primitive = PrimitiveReadMethod(type);
            if (primitive is not null)
            {
                return Leaf(type.SpecialType == SpecialType.System_String ? StateTypeKind.String : StateTypeKind.Primitive, codeName, primitive.Value.ShortName, primitive.Value.ReadMethod, null);
            }

            switch (type)
            {
                case INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying } enumType:
                {
                    var read = PrimitiveReadMethod(underlying);
                    return read is null ? null : Leaf(StateTypeKind.Enum, codeName, enumType.Name, read.Value.ReadMethod, underlying.ToDisplayString(CodeFormat));
                }

                case IArrayTypeSymbol { Rank: 1 } array when array.ElementType.SpecialType == SpecialType.System_Byte:
                    return new TypeModel(StateTypeKind.Bytes, codeName, "Bytes", "ReadBytes", null, ImmutableEquatableArray<TypeModel>.Empty, IsReferenceType: true, IsImmutable: false);

                case IArrayTypeSymbol { Rank: 1 } array:
                {
                    var element = AnalyzeType(array.ElementType);
                    return element is null ? null : Composite(StateTypeKind.Array, codeName, element.ShortName + "Array", true, element);
                }

                case INamedTypeSymbol { IsTupleType: true } tuple:
                {
                    var elements = tuple.TupleElements;
                    if (elements.Length > 7)
                    {
                        return null;
                    }

                    var models = new List<TypeModel>();
                    foreach (var element in elements)
                    {
                        var model = AnalyzeType(element.Type);
                        if (model is null)
                        {
                            return null;
                        }

                        models.Add(model);
                    }

                    return Composite(StateTypeKind.Tuple, codeName, "TupleOf" + string.Join("And", models.Select(m => m.ShortName)), false, models.ToArray());
                }

                case INamedTypeSymbol { IsGenericType: true } generic when GenericKind(generic) is { } kind:
                {
                    var arguments = new List<TypeModel>();
                    foreach (var argument in generic.TypeArguments)
                    {
                        var model = AnalyzeType(argument);
                        if (model is null)
                        {
                            return null;
                        }

                        arguments.Add(model);
                    }

                    var shortName = kind switch
                    {
                        StateTypeKind.Nullable => "Nullable" + arguments[0].ShortName,
                        StateTypeKind.Dictionary => "DictionaryOf" + arguments[0].ShortName + "And" + arguments[1].ShortName,
                        _ => kind + "Of" + arguments[0].ShortName,
                    };
                    return Composite(kind, codeName, shortName, kind != StateTypeKind.Nullable, arguments.ToArray());
                }

                case INamedTypeSymbol named when IsUserObject(named):
                    return AnalyzeObject(named, codeName);

                default:
                    return null;
            }
        }

        private static TypeModel Leaf(StateTypeKind kind, string codeName, string shortName, string readMethod, string? underlying)
            => new(kind, codeName, shortName, readMethod, underlying, ImmutableEquatableArray<TypeModel>.Empty, kind == StateTypeKind.String, IsImmutable: true);

        private static TypeModel Composite(StateTypeKind kind, string codeName, string shortName, bool isReference, params TypeModel[] arguments)
        {
            // Collections are always copied; a nullable or tuple only when something inside is mutable.
            var immutable = !isReference && arguments.All(a => a.IsImmutable);
            return new TypeModel(kind, codeName, shortName, null, null, arguments.ToImmutableEquatableArray(), isReference, immutable);
        }

        private TypeModel? AnalyzeObject(INamedTypeSymbol type, string codeName)
        {
            var key = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(CodeFormat);
            if (_objects.TryGetValue(key, out var known))
            {
                // known is null while the type is still being analyzed (it refers to itself): call it mutable,
                // which at worst costs a copy.
                return ObjectType(type, codeName, known is not null && IsImmutable(known.Members));
            }

            _objects[key] = null;
            _objectOrder.Add(key);

            var candidates = CollectCandidates(type);
            for (var i = 0; i < candidates.Count; i++)
            {
                candidates[i] = candidates[i] with { Model = AnalyzeType(candidates[i].Type) };
            }

            // Prefer the widest constructor whose parameters all match supported members by name and type:
            // it is how records with primary constructors and immutable classes get their values back.
            IMethodSymbol? constructor = null;
            var hasDefaultConstructor = type.IsValueType;
            foreach (var ctor in type.InstanceConstructors)
            {
                if (!IsVisible(ctor))
                {
                    continue;
                }

                if (ctor.Parameters.Length == 0)
                {
                    hasDefaultConstructor = true;
                    continue;
                }

                var matches = ctor.Parameters.All(p => candidates.Any(c => c.Model is not null && c.Readable
                    && string.Equals(c.Name, p.Name, StringComparison.OrdinalIgnoreCase)
                    && SymbolEqualityComparer.Default.Equals(c.Type.WithNullableAnnotation(NullableAnnotation.None), p.Type.WithNullableAnnotation(NullableAnnotation.None))));
                if (matches && (constructor is null || ctor.Parameters.Length > constructor.Parameters.Length))
                {
                    constructor = ctor;
                }
            }

            if (constructor is null && !hasDefaultConstructor)
            {
                _objectOrder.Remove(key);
                _objects.Remove(key);
                return null;
            }

            var parameterMembers = constructor?.Parameters
                .Select(p => candidates.First(c => c.Model is not null && c.Readable && string.Equals(c.Name, p.Name, StringComparison.OrdinalIgnoreCase)).Name)
                .ToList() ?? new List<string>();

            var members = new List<ObjectMemberModel>();
            foreach (var candidate in candidates)
            {
                if (candidate.Model is null)
                {
                    // A visible [State]-reachable member of an unsupported type is the analyzers' SG0001; the
                    // members they do not look at (private ones, payloads) are reported here.
                    if (candidate.Reachability != Reachability.Derived && (_reportVisibleMembers || !IsVisible(candidate.Symbol)))
                    {
                        Report(candidate.Symbol, type, $"its type '{candidate.Type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat)}' cannot be serialized");
                    }

                    continue;
                }

                MemberAssignment assignment;
                if (parameterMembers.Contains(candidate.Name))
                {
                    assignment = MemberAssignment.Constructor;
                }
                else if (candidate.Settable)
                {
                    assignment = candidate.InitOnly ? MemberAssignment.Init : MemberAssignment.Set;
                }
                else if (candidate.Readable && candidate.Model.Kind is StateTypeKind.List or StateTypeKind.HashSet or StateTypeKind.Queue or StateTypeKind.Dictionary)
                {
                    assignment = MemberAssignment.Populate;
                }
                else if (candidate.Accessor is not null && candidate.Reachability == Reachability.Data)
                {
                    assignment = MemberAssignment.Accessor;
                }
                else
                {
                    if (candidate.Reachability == Reachability.Unreachable)
                    {
                        Report(candidate.Symbol, type, candidate.Reason!);
                    }

                    // Computed members (a getter over fields) are derived: the fields they read are written.
                    continue;
                }

                // A member read through a getter accessor keeps it even when it is assigned another way.
                var accessor = assignment == MemberAssignment.Accessor || !candidate.Readable ? candidate.Accessor : null;
                members.Add(new ObjectMemberModel(candidate.Name, candidate.Model, assignment, accessor));
            }

            var model = new ObjectModel(key, type.IsValueType, members.ToImmutableEquatableArray(), parameterMembers.ToImmutableEquatableArray());
            _objects[key] = model;
            return ObjectType(type, codeName, IsImmutable(model.Members));
        }

        // Instances whose members are all fixed at construction and themselves immutable can be shared by copies.
        private static bool IsImmutable(ImmutableEquatableArray<ObjectMemberModel> members)
            => members.All(m => m.Assignment is MemberAssignment.Constructor or MemberAssignment.Init && m.Type.IsImmutable);

        private static TypeModel ObjectType(INamedTypeSymbol type, string codeName, bool immutable)
            => new(StateTypeKind.Object, codeName, type.Name, null, null, ImmutableEquatableArray<TypeModel>.Empty, type.IsReferenceType, immutable);

        private static bool IsUserObject(INamedTypeSymbol type)
        {
            if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || type.IsAbstract || type.IsStatic
                || type.SpecialType != SpecialType.None || type.IsRefLikeType)
            {
                return false;
            }

            // Framework types (Uri, Version, StringBuilder, …) have state the member heuristic cannot see.
            var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            return !(ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal)
                || ns == "Microsoft" || ns.StartsWith("Microsoft.", StringComparison.Ordinal));
        }

        private static bool IsVisible(ISymbol symbol)
            => symbol.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;

        private static StateTypeKind? GenericKind(INamedTypeSymbol type)
            => GetMetadataName(type.OriginalDefinition) switch
            {
                "System.Nullable`1" => StateTypeKind.Nullable,
                "System.Collections.Generic.List`1" => StateTypeKind.List,
                "System.Collections.Generic.HashSet`1" => StateTypeKind.HashSet,
                "System.Collections.Generic.Queue`1" => StateTypeKind.Queue,
                "System.Collections.Generic.Dictionary`2" => StateTypeKind.Dictionary,
                _ => null,
            };

        private static (string ShortName, string ReadMethod)? PrimitiveReadMethod(ITypeSymbol type)
        {
            switch (type.SpecialType)
            {
                case SpecialType.System_Boolean: return ("Boolean", "ReadBoolean");
                case SpecialType.System_Char: return ("Char", "ReadChar");
                case SpecialType.System_SByte: return ("SByte", "ReadSByte");
                case SpecialType.System_Byte: return ("Byte", "ReadByte");
                case SpecialType.System_Int16: return ("Int16", "ReadInt16");
                case SpecialType.System_UInt16: return ("UInt16", "ReadUInt16");
                case SpecialType.System_Int32: return ("Int32", "ReadInt32");
                case SpecialType.System_UInt32: return ("UInt32", "ReadUInt32");
                case SpecialType.System_Int64: return ("Int64", "ReadInt64");
                case SpecialType.System_UInt64: return ("UInt64", "ReadUInt64");
                case SpecialType.System_Single: return ("Single", "ReadSingle");
                case SpecialType.System_Double: return ("Double", "ReadDouble");
                case SpecialType.System_Decimal: return ("Decimal", "ReadDecimal");
                case SpecialType.System_String: return ("String", "ReadString");
                case SpecialType.System_DateTime: return ("DateTime", "ReadDateTime");
            }

            return GetMetadataName(type) switch
            {
                "System.DateTimeOffset" => ("DateTimeOffset", "ReadDateTimeOffset"),
                "System.TimeSpan" => ("TimeSpan", "ReadTimeSpan"),
                "System.Guid" => ("Guid", "ReadGuid"),
                _ => null,
            };
        }

        private static string GetMetadataName(ITypeSymbol type)
        {
            var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() + "." : string.Empty;
            return ns + type.MetadataName;
        }

        private static string SchemaName(ITypeSymbol type) => type.ToDisplayString(SchemaFormat);

        private static Accessibility EffectiveAccessibility(ITypeSymbol type)
        {
            var result = Accessibility.Public;
            switch (type)
            {
                case IArrayTypeSymbol array:
                    return EffectiveAccessibility(array.ElementType);
                case INamedTypeSymbol named:
                    for (ISymbol? current = named; current is INamedTypeSymbol t; current = t.ContainingType)
                    {
                        result = Min(result, t.DeclaredAccessibility);
                    }

                    foreach (var argument in named.TypeArguments)
                    {
                        result = Min(result, EffectiveAccessibility(argument));
                    }

                    return result;
                default:
                    return result;
            }
        }

        private static Accessibility Min(Accessibility a, Accessibility b)
        {
            static int Rank(Accessibility x) => x switch
            {
                Accessibility.Public => 2,
                Accessibility.Internal or Accessibility.ProtectedOrInternal => 1,
                _ => 0,
            };

            return Rank(a) <= Rank(b) ? a : b;
        }

        private static string NameWithTypeParameters(INamedTypeSymbol type)
            => type.TypeParameters.Length == 0 ? type.Name : $"{type.Name}<{string.Join(", ", type.TypeParameters.Select(p => p.Name))}>";

        private static string DeclarationKeyword(INamedTypeSymbol type)
            => type switch
            {
                { IsRecord: true, IsValueType: true } => "record struct",
                { IsRecord: true } => "record",
                { TypeKind: TypeKind.Struct } => "struct",
                { TypeKind: TypeKind.Interface } => "interface",
                _ => "class",
            };

        private static string HintName(INamedTypeSymbol type, string suffix)
        {
            var name = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted));
            var chars = name.Select(c => char.IsLetterOrDigit(c) || c == '.' ? c : '_').ToArray();
            return new string(chars) + "." + suffix;
        }
    }
}
