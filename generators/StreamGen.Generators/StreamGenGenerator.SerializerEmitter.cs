using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using StreamGen.Generators.Helpers;
using StreamGen.Generators.Model;

namespace StreamGen.Generators;

public sealed partial class StreamGenGenerator
{
    /// <summary>
    /// Writes the MessagePack <c>Write…</c>/<c>Read…</c> helpers (and optionally <c>Copy…</c> deep copies) of a set of
    /// types: the one serializer code shared by operator state and <c>[MessagePackSerializable]</c> payloads, so both
    /// write the same bytes for the same type.
    /// </summary>
    internal sealed class SerializerEmitter
    {
        public const string Writer = "global::StreamGen.Serialization.MessagePackWriter";
        public const string Reader = "global::StreamGen.Serialization.MessagePackReader";

        public static readonly string GeneratedCodeAttribute =
            $"[global::System.CodeDom.Compiler.GeneratedCode(\"StreamGen.Generators\", \"{typeof(SerializerEmitter).Assembly.GetName().Version}\")]";

        private readonly SourceWriter _w;
        private readonly string _className;
        private readonly bool _deepCopies;
        private readonly Dictionary<string, string> _helperNames = new();
        private readonly List<TypeModel> _helperTypes = new();
        private readonly Dictionary<string, ObjectModel> _objects;
        private bool _usesBytes;

        /// <param name="writer">Where the helpers are written.</param>
        /// <param name="className">The static class the helpers are written into; calls from outside it are qualified with it.</param>
        /// <param name="roots">The types values are written and read as; every type they reach gets helpers.</param>
        /// <param name="objects">The user types reachable from <paramref name="roots"/>.</param>
        /// <param name="deepCopies">Whether to write <c>Copy…</c> helpers for mutable types (keyed state needs them; payloads do not).</param>
        public SerializerEmitter(SourceWriter writer, string className, IEnumerable<TypeModel> roots, IEnumerable<ObjectModel> objects, bool deepCopies)
        {
            _w = writer;
            _className = className;
            _deepCopies = deepCopies;
            _objects = objects.ToDictionary(o => o.FullName);
            CollectHelpers(roots);
        }

        /// <summary>True while writing code inside the helper class, where helper calls need no qualification.</summary>
        public bool InsideSerializerClass { get; set; }

        /// <summary>
        /// Writes the helper methods as members of the helper class (the caller writes the class itself).
        /// <paramref name="first"/> is false when members were already written, so a blank line separates them.
        /// </summary>
        public void EmitHelperMethods(bool first)
        {
            if (_deepCopies && _usesBytes)
            {
                if (!first)
                {
                    _w.WriteLine();
                }

                _w.WriteLine("public static byte[] CopyBytes(byte[]? value) => value is null ? null! : (byte[])value.Clone();");
                first = false;
            }

            foreach (var type in _helperTypes)
            {
                if (!first)
                {
                    _w.WriteLine();
                }

                first = false;
                EmitHelpers(type);
            }
        }

        private void CollectHelpers(IEnumerable<TypeModel> roots)
        {
            var seen = new HashSet<string>();
            var usedNames = new HashSet<string>();

            void Visit(TypeModel type)
            {
                if (type.Kind == StateTypeKind.Bytes)
                {
                    _usesBytes = true;
                }

                if (!type.NeedsHelper || !seen.Add(type.FullName))
                {
                    return;
                }

                var name = type.ShortName;
                for (var n = 2; !usedNames.Add(name); n++)
                {
                    name = type.ShortName + n;
                }

                _helperNames[type.FullName] = name;
                _helperTypes.Add(type);
                foreach (var argument in type.Arguments)
                {
                    Visit(argument);
                }

                if (type.Kind == StateTypeKind.Object && _objects.TryGetValue(type.FullName, out var model))
                {
                    foreach (var member in model.Members)
                    {
                        Visit(member.Type);
                    }
                }
            }

            foreach (var root in roots)
            {
                Visit(root);
            }
        }

        private void EmitHelpers(TypeModel type)
        {
            var name = _helperNames[type.FullName];
            var parameterType = type.IsReferenceType ? type.FullName + "?" : type.FullName;

            _w.WriteLine($"public static void Write{name}(ref {Writer} writer, {parameterType} value)");
            _w.OpenBlock();
            if (type.IsReferenceType || type.Kind == StateTypeKind.Nullable)
            {
                _w.WriteLine("if (value is null)");
                _w.OpenBlock();
                _w.WriteLine("writer.WriteNil();");
                _w.WriteLine("return;");
                _w.CloseBlock();
                _w.WriteLine();
            }

            EmitWriteBody(type);
            _w.CloseBlock();
            _w.WriteLine();

            _w.WriteLine($"public static {type.FullName} Read{name}(ref {Reader} reader)");
            _w.OpenBlock();
            if (type.IsReferenceType || type.Kind == StateTypeKind.Nullable)
            {
                _w.WriteLine("if (reader.TryReadNil())");
                _w.OpenBlock();
                _w.WriteLine(type.IsReferenceType ? "return null!;" : "return null;");
                _w.CloseBlock();
                _w.WriteLine();
            }

            EmitReadBody(type);
            _w.CloseBlock();

            if (type.Kind == StateTypeKind.Object)
            {
                EmitAccessors(type, _objects[type.FullName]);
            }

            if (type.IsImmutable || !_deepCopies)
            {
                return;
            }

            _w.WriteLine();
            _w.WriteLine($"public static {type.FullName} Copy{name}({parameterType} value)");
            _w.OpenBlock();
            if (type.IsReferenceType)
            {
                _w.WriteLine("if (value is null)");
                _w.OpenBlock();
                _w.WriteLine("return null!;");
                _w.CloseBlock();
                _w.WriteLine();
            }

            EmitCopyBody(type);
            _w.CloseBlock();
        }

        private void EmitWriteBody(TypeModel type)
        {
            var args = type.Arguments;
            switch (type.Kind)
            {
                case StateTypeKind.Nullable:
                    _w.WriteLine(WriteStatement(args[0], "value.Value"));
                    break;
                case StateTypeKind.Array:
                    _w.WriteLine("writer.WriteArrayHeader(value.Length);");
                    EmitForEach("value", WriteStatement(args[0], "item"));
                    break;
                case StateTypeKind.List:
                case StateTypeKind.HashSet:
                case StateTypeKind.Queue:
                    _w.WriteLine("writer.WriteArrayHeader(value.Count);");
                    EmitForEach("value", WriteStatement(args[0], "item"));
                    break;
                case StateTypeKind.Dictionary:
                    _w.WriteLine("writer.WriteMapHeader(value.Count);");
                    _w.WriteLine("foreach (var pair in value)");
                    _w.OpenBlock();
                    _w.WriteLine(WriteStatement(args[0], "pair.Key"));
                    _w.WriteLine(WriteStatement(args[1], "pair.Value"));
                    _w.CloseBlock();
                    break;
                case StateTypeKind.Tuple:
                    _w.WriteLine($"writer.WriteArrayHeader({args.Count});");
                    for (var i = 0; i < args.Count; i++)
                    {
                        _w.WriteLine(WriteStatement(args[i], $"value.Item{i + 1}"));
                    }

                    break;
                case StateTypeKind.Object:
                    var model = _objects[type.FullName];
                    _w.WriteLine($"writer.WriteMapHeader({model.Members.Count});");
                    foreach (var member in model.Members)
                    {
                        _w.WriteLine($"writer.WriteString({Literal(member.Name)}u8);");
                        _w.WriteLine(WriteStatement(member.Type, MemberValue(type, member, "value")));
                    }

                    break;
            }
        }

        private void EmitReadBody(TypeModel type)
        {
            var args = type.Arguments;
            switch (type.Kind)
            {
                case StateTypeKind.Nullable:
                    _w.WriteLine($"return {ReadExpression(args[0])};");
                    break;
                case StateTypeKind.Array:
                    _w.WriteLine("var count = reader.ReadArrayHeader();");
                    _w.WriteLine($"var result = {NewArray(type, "count")};");
                    _w.WriteLine("for (var i = 0; i < count; i++)");
                    _w.OpenBlock();
                    _w.WriteLine($"result[i] = {ReadExpression(args[0])};");
                    _w.CloseBlock();
                    _w.WriteLine();
                    _w.WriteLine("return result;");
                    break;
                case StateTypeKind.List:
                case StateTypeKind.HashSet:
                case StateTypeKind.Queue:
                    var add = type.Kind == StateTypeKind.Queue ? "Enqueue" : "Add";
                    _w.WriteLine("var count = reader.ReadArrayHeader();");
                    _w.WriteLine($"var result = new {type.FullName}(count);");
                    _w.WriteLine("for (var i = 0; i < count; i++)");
                    _w.OpenBlock();
                    _w.WriteLine($"result.{add}({ReadExpression(args[0])});");
                    _w.CloseBlock();
                    _w.WriteLine();
                    _w.WriteLine("return result;");
                    break;
                case StateTypeKind.Dictionary:
                    _w.WriteLine("var count = reader.ReadMapHeader();");
                    _w.WriteLine($"var result = new {type.FullName}(count);");
                    _w.WriteLine("for (var i = 0; i < count; i++)");
                    _w.OpenBlock();
                    _w.WriteLine($"var key = {ReadExpression(args[0])};");
                    _w.WriteLine($"result[key] = {ReadExpression(args[1])};");
                    _w.CloseBlock();
                    _w.WriteLine();
                    _w.WriteLine("return result;");
                    break;
                case StateTypeKind.Tuple:
                    _w.WriteLine("var start = reader.Position;");
                    _w.WriteLine($"if (reader.ReadArrayHeader() != {args.Count})");
                    _w.OpenBlock();
                    _w.WriteLine($"throw new global::StreamGen.Serialization.MessagePackFormatException({Literal($"Expected a {args.Count}-element array for {type.FullName}")}, start);");
                    _w.CloseBlock();
                    _w.WriteLine();
                    for (var i = 0; i < args.Count; i++)
                    {
                        _w.WriteLine($"var item{i + 1} = {ReadExpression(args[i])};");
                    }

                    _w.WriteLine($"return ({string.Join(", ", Enumerable.Range(1, args.Count).Select(i => "item" + i))});");
                    break;
                case StateTypeKind.Object:
                    EmitObjectRead(type, _objects[type.FullName]);
                    break;
            }
        }

        private void EmitObjectRead(TypeModel type, ObjectModel model)
        {
            // Members are read into locals first: the constructor and init accessors need them all at once.
            foreach (var member in model.Members)
            {
                _w.WriteLine($"{member.Type.FullName} {Local(member)} = default!;");
                if (member.Assignment is MemberAssignment.Set or MemberAssignment.Accessor)
                {
                    _w.WriteLine($"var {Has(member)} = false;");
                }
            }

            if (model.Members.Count > 0)
            {
                _w.WriteLine();
            }

            _w.WriteLine("var count = reader.ReadMapHeader();");
            _w.WriteLine("for (var i = 0; i < count; i++)");
            _w.OpenBlock();
            if (model.Members.Count == 0)
            {
                _w.WriteLine("reader.Skip();");
                _w.WriteLine("reader.Skip();");
            }
            else
            {
                _w.WriteLine("var name = reader.ReadStringSpan();");
                var keyword = "if";
                foreach (var member in model.Members)
                {
                    _w.WriteLine($"{keyword} (global::System.MemoryExtensions.SequenceEqual(name, {Literal(member.Name)}u8))");
                    _w.OpenBlock();
                    _w.WriteLine($"{Local(member)} = {ReadExpression(member.Type)};");
                    if (member.Assignment is MemberAssignment.Set or MemberAssignment.Accessor)
                    {
                        _w.WriteLine($"{Has(member)} = true;");
                    }

                    _w.CloseBlock();
                    keyword = "else if";
                }

                _w.WriteLine("else");
                _w.OpenBlock();
                _w.WriteLine("// A member the type no longer has: removed since the value was written.");
                _w.WriteLine("reader.Skip();");
                _w.CloseBlock();
            }

            _w.CloseBlock();
            _w.WriteLine();

            var members = model.Members.ToDictionary(m => m.Name);
            var arguments = string.Join(", ", model.ConstructorParameters.Select(p => Local(members[p])));
            var inits = model.Members.Where(m => m.Assignment == MemberAssignment.Init).ToList();
            if (inits.Count == 0)
            {
                _w.WriteLine($"var result = new {type.FullName}({arguments});");
            }
            else
            {
                _w.WriteLine($"var result = new {type.FullName}({arguments})");
                _w.OpenBlock();
                foreach (var member in inits)
                {
                    _w.WriteLine($"{Id(member.Name)} = {Local(member)},");
                }

                _w.CloseBlock(";");
            }

            foreach (var member in model.Members.Where(m => m.Assignment is MemberAssignment.Set or MemberAssignment.Accessor))
            {
                // Only members present in the data are assigned, so a member added to the type since the
                // checkpoint keeps its initializer value.
                _w.WriteLine();
                _w.WriteLine($"if ({Has(member)})");
                _w.OpenBlock();
                _w.WriteLine(AssignStatement(type, member, "result", Local(member)));
                _w.CloseBlock();
            }

            EmitPopulate(model, member => Local(member), copy: false);

            _w.WriteLine();
            _w.WriteLine("return result;");
        }

        // Get-only collections cannot be replaced, so the instance the constructor made is refilled; elements
        // are deep-copied only when the source is a live value rather than freshly read.
        private void EmitPopulate(ObjectModel model, System.Func<ObjectMemberModel, string> source, bool copy)
        {
            string Copy(TypeModel type, string value) => copy ? CopyExpression(type, value) : value;

            foreach (var member in model.Members.Where(m => m.Assignment == MemberAssignment.Populate))
            {
                var from = source(member);
                var to = "result." + Id(member.Name);
                var arguments = member.Type.Arguments;
                _w.WriteLine();
                _w.WriteLine($"if ({from} is not null && {to} is not null)");
                _w.OpenBlock();
                _w.WriteLine($"{to}.Clear();");
                if (member.Type.Kind == StateTypeKind.Dictionary)
                {
                    _w.WriteLine($"foreach (var pair in {from})");
                    _w.OpenBlock();
                    _w.WriteLine($"{to}[{Copy(arguments[0], "pair.Key")}] = {Copy(arguments[1], "pair.Value")};");
                    _w.CloseBlock();
                }
                else
                {
                    var add = member.Type.Kind == StateTypeKind.Queue ? "Enqueue" : "Add";
                    EmitForEach(from, $"{to}.{add}({Copy(arguments[0], "item")});");
                }

                _w.CloseBlock();
            }
        }

        private void EmitCopyBody(TypeModel type)
        {
            var args = type.Arguments;
            switch (type.Kind)
            {
                case StateTypeKind.Nullable:
                    _w.WriteLine($"return value.HasValue ? {CopyExpression(args[0], "value.Value")} : null;");
                    break;
                case StateTypeKind.Array:
                    if (args[0].IsImmutable)
                    {
                        _w.WriteLine($"return ({type.FullName})value.Clone();");
                        break;
                    }

                    _w.WriteLine($"var result = {NewArray(type, "value.Length")};");
                    _w.WriteLine("for (var i = 0; i < value.Length; i++)");
                    _w.OpenBlock();
                    _w.WriteLine($"result[i] = {CopyExpression(args[0], "value[i]")};");
                    _w.CloseBlock();
                    _w.WriteLine();
                    _w.WriteLine("return result;");
                    break;
                case StateTypeKind.List:
                case StateTypeKind.Queue:
                case StateTypeKind.HashSet:
                    var comparer = type.Kind == StateTypeKind.HashSet ? ", value.Comparer" : string.Empty;
                    if (args[0].IsImmutable)
                    {
                        _w.WriteLine($"return new {type.FullName}(value{comparer});");
                        break;
                    }

                    var add = type.Kind == StateTypeKind.Queue ? "Enqueue" : "Add";
                    _w.WriteLine($"var result = new {type.FullName}(value.Count{comparer});");
                    EmitForEach("value", $"result.{add}({CopyExpression(args[0], "item")});");
                    _w.WriteLine();
                    _w.WriteLine("return result;");
                    break;
                case StateTypeKind.Dictionary:
                    if (args[0].IsImmutable && args[1].IsImmutable)
                    {
                        _w.WriteLine($"return new {type.FullName}(value, value.Comparer);");
                        break;
                    }

                    _w.WriteLine($"var result = new {type.FullName}(value.Count, value.Comparer);");
                    _w.WriteLine("foreach (var pair in value)");
                    _w.OpenBlock();
                    _w.WriteLine($"result[{CopyExpression(args[0], "pair.Key")}] = {CopyExpression(args[1], "pair.Value")};");
                    _w.CloseBlock();
                    _w.WriteLine();
                    _w.WriteLine("return result;");
                    break;
                case StateTypeKind.Tuple:
                    _w.WriteLine($"return ({string.Join(", ", args.Select((a, i) => CopyExpression(a, $"value.Item{i + 1}")))});");
                    break;
                case StateTypeKind.Object:
                    var model = _objects[type.FullName];
                    var members = model.Members.ToDictionary(m => m.Name);
                    var arguments = string.Join(", ", model.ConstructorParameters.Select(p => CopyExpression(members[p].Type, "value." + Id(p))));
                    var assigned = model.Members.Where(m => m.Assignment is MemberAssignment.Init or MemberAssignment.Set).ToList();
                    var accessed = model.Members.Where(m => m.Assignment == MemberAssignment.Accessor).ToList();
                    var populated = model.Members.Any(m => m.Assignment == MemberAssignment.Populate);
                    var target = populated || accessed.Count > 0 ? "var result =" : "return";
                    if (assigned.Count == 0)
                    {
                        _w.WriteLine($"{target} new {type.FullName}({arguments});");
                    }
                    else
                    {
                        _w.WriteLine($"{target} new {type.FullName}({arguments})");
                        _w.OpenBlock();
                        foreach (var member in assigned)
                        {
                            _w.WriteLine($"{Id(member.Name)} = {CopyExpression(member.Type, MemberValue(type, member, "value"))},");
                        }

                        _w.CloseBlock(";");
                    }

                    foreach (var member in accessed)
                    {
                        _w.WriteLine(AssignStatement(type, member, "result", CopyExpression(member.Type, MemberValue(type, member, "value"))));
                    }

                    if (populated)
                    {
                        EmitPopulate(model, member => $"value.{Id(member.Name)}", copy: true);
                    }

                    if (populated || accessed.Count > 0)
                    {
                        _w.WriteLine();
                        _w.WriteLine("return result;");
                    }

                    break;
            }
        }

        private void EmitForEach(string collection, string statement)
        {
            _w.WriteLine($"foreach (var item in {collection})");
            _w.OpenBlock();
            _w.WriteLine(statement);
            _w.CloseBlock();
        }

        private string Helper => InsideSerializerClass ? string.Empty : _className + ".";

        public string WriteStatement(TypeModel type, string value)
            => type.Kind switch
            {
                StateTypeKind.Primitive or StateTypeKind.String or StateTypeKind.Bytes => $"writer.Write({value});",
                StateTypeKind.Enum => $"writer.Write(({type.EnumUnderlyingType}){value});",
                _ => $"{Helper}Write{_helperNames[type.FullName]}(ref writer, {value});",
            };

        public string ReadExpression(TypeModel type)
            => type.Kind switch
            {
                StateTypeKind.Primitive => $"reader.{type.ReadMethod}()",
                StateTypeKind.String or StateTypeKind.Bytes => $"reader.{type.ReadMethod}()!",
                StateTypeKind.Enum => $"({type.FullName})reader.{type.ReadMethod}()",
                _ => $"{Helper}Read{_helperNames[type.FullName]}(ref reader)",
            };

        public string CopyExpression(TypeModel type, string value)
            => type.Kind switch
            {
                StateTypeKind.Bytes => $"{Helper}CopyBytes({value})",
                _ when type.IsImmutable => value,
                _ => $"{Helper}Copy{_helperNames[type.FullName]}({value})",
            };

        // `new T[n]` for an element type that is itself an array must put the length first: new int[n][].
        private static string NewArray(TypeModel arrayType, string length)
        {
            var suffix = string.Empty;
            var element = arrayType.Arguments[0];
            while (element.Kind is StateTypeKind.Array or StateTypeKind.Bytes)
            {
                suffix += "[]";
                if (element.Kind == StateTypeKind.Bytes)
                {
                    return $"new byte[{length}]{suffix}";
                }

                element = element.Arguments[0];
            }

            return $"new {element.FullName}[{length}]{suffix}";
        }

        private static string Local(ObjectMemberModel member) => Identifier(member.Name) + "Value";

        private static string Has(ObjectMemberModel member) => "has" + Identifier(member.Name);

        // Member names are C# identifiers except an explicitly implemented property's (`IShape.Area`).
        private static string Identifier(string name) => new(name.Select(c => char.IsLetterOrDigit(c) || c == '_' ? c : '_').ToArray());

        /// <summary>The expression reading <paramref name="member"/> of <paramref name="instance"/>: by name, or through its accessor.</summary>
        private string MemberValue(TypeModel type, ObjectMemberModel member, string instance)
            => member.Accessor switch
            {
                { FieldName: not null } a => $"{Helper}{AccessorName(type, member, "Field")}({Ref(a)}{instance})",
                { GetterName: not null } a => $"{Helper}{AccessorName(type, member, "Get")}({Ref(a)}{instance})",
                _ => $"{instance}.{Id(member.Name)}",
            };

        /// <summary>The statement assigning <paramref name="value"/> to <paramref name="member"/> of <paramref name="instance"/>.</summary>
        private string AssignStatement(TypeModel type, ObjectMemberModel member, string instance, string value)
            => member.Accessor switch
            {
                { FieldName: not null } a when member.Assignment == MemberAssignment.Accessor => $"{Helper}{AccessorName(type, member, "Field")}({Ref(a)}{instance}) = {value};",
                { SetterName: not null } a when member.Assignment == MemberAssignment.Accessor => $"{Helper}{AccessorName(type, member, "Set")}({Ref(a)}{instance}, {value});",
                _ => $"{instance}.{Id(member.Name)} = {value};",
            };

        private static string Ref(MemberAccessor accessor) => accessor.DeclaringTypeIsValueType ? "ref " : string.Empty;

        private string AccessorName(TypeModel type, ObjectMemberModel member, string kind)
            => $"{kind}{_helperNames[type.FullName]}_{Identifier(member.Name)}";

        /// <summary>
        /// Writes the <c>[UnsafeAccessor]</c> externs of a user type's members that generated code cannot name: the
        /// runtime binds them to the private field or accessor method, with no reflection (NativeAOT-safe).
        /// </summary>
        private void EmitAccessors(TypeModel type, ObjectModel model)
        {
            foreach (var member in model.Members)
            {
                if (member.Accessor is not { } a)
                {
                    continue;
                }

                var target = a.DeclaringTypeIsValueType ? $"ref {a.DeclaringType} instance" : $"{a.DeclaringType} instance";
                _w.WriteLine();
                if (a.FieldName is not null)
                {
                    _w.WriteLine($"[global::System.Runtime.CompilerServices.UnsafeAccessor(global::System.Runtime.CompilerServices.UnsafeAccessorKind.Field, Name = {Literal(a.FieldName)})]");
                    _w.WriteLine($"private static extern ref {member.Type.FullName} {AccessorName(type, member, "Field")}({target});");
                    continue;
                }

                if (a.GetterName is not null)
                {
                    _w.WriteLine($"[global::System.Runtime.CompilerServices.UnsafeAccessor(global::System.Runtime.CompilerServices.UnsafeAccessorKind.Method, Name = {Literal(a.GetterName)})]");
                    _w.WriteLine($"private static extern {member.Type.FullName} {AccessorName(type, member, "Get")}({target});");
                }

                if (a.SetterName is not null)
                {
                    if (a.GetterName is not null)
                    {
                        _w.WriteLine();
                    }

                    _w.WriteLine($"[global::System.Runtime.CompilerServices.UnsafeAccessor(global::System.Runtime.CompilerServices.UnsafeAccessorKind.Method, Name = {Literal(a.SetterName)})]");
                    _w.WriteLine($"private static extern void {AccessorName(type, member, "Set")}({target}, {member.Type.FullName} value);");
                }
            }
        }

        public static string Id(string name) => SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None ? name : "@" + name;

        public static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

        public static string Xml(string value) => value.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
    }
}
