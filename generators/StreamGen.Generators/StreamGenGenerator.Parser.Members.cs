using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using StreamGen.Generators.Helpers;
using StreamGen.Generators.Model;

namespace StreamGen.Generators;

public sealed partial class StreamGenGenerator
{
    internal sealed partial class Parser
    {
        /// <summary>
        /// The members of a user type that hold its data, with how generated code reads and restores each: by name
        /// when it is visible, else through a generated <c>[UnsafeAccessor]</c>. Private fields and auto-properties are
        /// data too, so <c>{ get; private set; }</c>, get-only auto-properties and the private field behind a computed
        /// getter are all written; a member that holds data but cannot be reached is marked for a diagnostic.
        /// </summary>
        private List<MemberCandidate> CollectCandidates(INamedTypeSymbol type)
        {
            var candidates = new List<MemberCandidate>();
            var seen = new HashSet<string>(System.StringComparer.Ordinal);
            for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object && current.SpecialType != SpecialType.System_ValueType; current = current.BaseType)
            {
                // Private members of another assembly's types are not in its metadata as the compiler imports it.
                var inSource = !current.DeclaringSyntaxReferences.IsEmpty;

                // The runtime binds [UnsafeAccessor] to open types only from code inside that generic type, never to a
                // closed instantiation (Box<int>): such members cannot be reached.
                var accessible = !HasClosedTypeArguments(current);
                var declaring = current.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(CodeFormat);

                MemberAccessor? Accessor(string? field, string? getter, string? setter)
                    => accessible ? new MemberAccessor(declaring, current.IsValueType, field, getter, setter) : null;

                string Unreachable(string what)
                    => $"{what}, and '{current.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat)}' is a closed generic type, "
                        + "whose private members generated code cannot reach; make the member accessible (internal), or mark it [Transient] if it is not state";

                foreach (var member in current.GetMembers())
                {
                    _token.ThrowIfCancellationRequested();
                    if (member.IsStatic || member.IsImplicitlyDeclared || IsTransient(member)
                        || member is IFieldSymbol { IsConst: true } or IFieldSymbol { AssociatedSymbol: not null }
                        || member is not (IFieldSymbol or IPropertySymbol { IsIndexer: false })
                        || member is IPropertySymbol { Name: "EqualityContract" } or IPropertySymbol { GetMethod: null })
                    {
                        continue;
                    }

                    if (!seen.Add(member.Name))
                    {
                        // An overridden property is the same member; a private field hidden by a derived member is not.
                        if (member is IFieldSymbol && !IsVisible(member))
                        {
                            Report(member, type, "a member of the same name in a derived type takes its key in the serialized map; rename one of them, or mark it [Transient]");
                        }

                        continue;
                    }

                    switch (member)
                    {
                        case IFieldSymbol field when IsVisible(field):
                        {
                            var reach = field.IsReadOnly && !accessible ? Reachability.Unreachable : Reachability.Data;
                            candidates.Add(new MemberCandidate(field.Name, field, field.Type, Readable: true, Settable: !field.IsReadOnly, InitOnly: field.IsRequired,
                                field.IsReadOnly ? Accessor(field.Name, null, null) : null, reach, reach == Reachability.Unreachable ? Unreachable("it is readonly") : null));
                            break;
                        }

                        case IFieldSymbol field:
                        {
                            var accessor = Accessor(field.Name, null, null);
                            candidates.Add(new MemberCandidate(field.Name, field, field.Type, Readable: false, Settable: false, InitOnly: false,
                                accessor, accessor is null ? Reachability.Unreachable : Reachability.Data, accessor is null ? Unreachable("it is not visible") : null));
                            break;
                        }

                        case IPropertySymbol property:
                            candidates.Add(PropertyCandidate(property, inSource, current, Accessor, Unreachable));
                            break;
                    }
                }
            }

            return candidates;
        }

        private static MemberCandidate PropertyCandidate(
            IPropertySymbol property,
            bool inSource,
            INamedTypeSymbol declaring,
            System.Func<string?, string?, string?, MemberAccessor?> accessor,
            System.Func<string, string> unreachable)
        {
            var readable = IsVisible(property.GetMethod!);
            var setter = property.SetMethod;
            var settable = setter is not null && IsVisible(setter);
            var initOnly = settable && (setter!.IsInitOnly || property.IsRequired);
            MemberCandidate Candidate(MemberAccessor? via, Reachability reach, string? reason)
                => new(property.Name, property, property.Type, readable, settable, initOnly, via, reach, reason);

            if (readable && settable)
            {
                return Candidate(null, Reachability.Data, null);
            }

            // An auto-property (also one using the `field` keyword) stores its value in a backing field: read and
            // restore that, whatever the accessors' visibility, so `{ get; private set; }`, `{ get; }` and private
            // auto-properties keep their data without running user code.
            var backing = inSource
                ? declaring.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, property))
                : null;
            if (backing is not null)
            {
                var via = accessor(backing.Name, null, null);
                return Candidate(via, via is null ? Reachability.Unreachable : Reachability.Data, via is null ? unreachable("its backing field is private") : null);
            }

            if (settable)
            {
                // Public set, private get: the setter restores it, the getter is called through an accessor.
                var via = accessor(null, property.GetMethod!.Name, null);
                return Candidate(via, via is null ? Reachability.Unreachable : Reachability.Data, via is null ? unreachable("its getter is private") : null);
            }

            if (inSource || !readable)
            {
                // A getter computed over fields (`public decimal Balance => _balance;`): the fields are the data.
                return Candidate(null, Reachability.Derived, null);
            }

            // Another assembly's type: its private fields cannot be seen, so a private setter is the only way back.
            if (setter is not null)
            {
                var via = accessor(null, null, setter.Name);
                return Candidate(via, via is null ? Reachability.Unreachable : Reachability.Data, via is null ? unreachable("its setter is private") : null);
            }

            return Candidate(null, Reachability.Unreachable,
                $"it has no setter and no constructor parameter, and '{declaring.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat)}' "
                + "is compiled in another assembly, whose private fields the generator cannot see; add a setter (it may be private) or a constructor parameter, or mark it [Transient]");
        }

        private static bool HasClosedTypeArguments(INamedTypeSymbol type)
        {
            for (var t = type; t is not null; t = t.ContainingType)
            {
                if (t.TypeArguments.Any(a => a.TypeKind != TypeKind.TypeParameter))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsTransient(ISymbol member)
            => member.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == TransientAttributeName);

        private void Report(ISymbol member, INamedTypeSymbol type, string reason)
        {
            var location = LocationInfo.From(member.Locations.FirstOrDefault(l => l.IsInSource)) ?? _rootLocation;
            _diagnostics.Add(new DiagnosticInfo(
                DiagnosticDescriptors.MemberNotSerialized,
                location,
                new[] { type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat), member.Name, reason }.ToImmutableEquatableArray()));
        }
    }
}
