using Wippy.Generators.Model;

namespace Wippy.Generators.Emit;

/// <summary>
/// Emits the code that crosses into a component through Wasmtime's component model: per function, a method that
/// writes the arguments as <c>ComponentVal</c>s (Wasmtime's own value layout: 32-byte tagged unions, with
/// out-of-line data Wasmtime allocates), calls, and reads the result back; per imported function, the adapter that
/// reads the guest's arguments, calls the C# implementation and writes its result. Per WIT type, a
/// <c>ToVal_*</c> (C# → value) and a <c>FromVal_*</c> (value → C#) helper; those of a type holding a resource the
/// guest exports take the call too (resources are lent, given and taken per call), and a parameter holding one inside
/// gets a <c>ResourceIn_*</c> finder (the call runs on the instance of the first). A C# value that cannot cross (a null
/// string, an undefined enum value) throws <c>ComponentValueException</c> with the value's path.
/// </summary>
internal sealed class ComponentValEmitter
{
    private const string Val = HostApi.ComponentVal;
    private const string ValueError = HostApi.ComponentValueException;
    private const string Values = HostApi.ComponentValues;

    private readonly string _typeNamespace;
    private readonly HelperSet _helpers = new();

    public ComponentValEmitter(string typeNamespace) => _typeNamespace = typeNamespace;

    private string ToVal(TypeModel type) => _helpers.Request("ToVal", type);

    private string FromVal(TypeModel type) => _helpers.Request("FromVal", type);

    /// <summary>
    /// A call of the <c>ToVal_*</c> helper of <paramref name="type"/>. Where a handle to a resource the guest exports is
    /// inside, the helper also takes the call (a handle is lent or given for one call, on its instance).
    /// </summary>
    private string ToValOf(TypeModel type, string value, string what) =>
        type.HasGuestResource() ? $"{ToVal(type)}(in call, {value}, {what})" : $"{ToVal(type)}({value}, {what})";

    /// <summary>A call of the <c>FromVal_*</c> helper of <paramref name="type"/> (taking the call as <see cref="ToValOf"/> says).</summary>
    private string FromValOf(TypeModel type, string value, string what) =>
        type.HasGuestResource() ? $"{FromVal(type)}(in call, {value}, {what})" : $"{FromVal(type)}({value}, {what})";

    /// <summary>The <c>ResourceIn_*</c> helper of <paramref name="type"/>: the first guest resource in a value of it, or null.</summary>
    public string ResourceIn(TypeModel type) => _helpers.Request("ResourceIn", type);

    /// <summary>The leading parameter of a helper of <paramref name="type"/>: the call, where a guest's resource is inside.</summary>
    private static string CallParameter(TypeModel type) => type.HasGuestResource() ? $"in {HostApi.ComponentCall} call, " : "";

    private string Cs(TypeModel t) => TypeNames.Cs(t, _typeNamespace);

    /// <summary>The call of one function of a component through the component model.</summary>
    public void EmitCall(CodeWriter w, FunctionModel f)
    {
        var returnType = f.Result is null ? "void" : Cs(f.Result);
        var parameters = string.Concat(f.Params.Select(p => $", {TypeNames.CsParameter(p.Type, _typeNamespace)} {p.CsName}"));
        w.Line($"/// <summary>Calls <c>{CodeWriter.Escape(f.Method)}</c> of the component of <c>{f.Id}</c> through Wasmtime's component model: <c>{CodeWriter.Escape(f.WitSignature)}</c>.</summary>");
        RequestRouteFinders(f);
        using (w.Open($"internal static {returnType} {f.CsName}(ref {HostApi.ComponentCall} call{parameters})"))
        {
            w.Line($"global::System.Span<{Val}> args = stackalloc {Val}[{f.Params.Count}];");
            EmitLowerArguments(w, f);
            w.Line($"global::System.Span<{Val}> results = stackalloc {Val}[{(f.Result is null ? 0 : 1)}];");
            w.Line("call.Invoke(args, results);");
            EmitLiftResult(w, f);
        }
    }

    /// <summary>The finders the proxy's route of <paramref name="f"/> uses (<see cref="ResourceEmitter.SearchedForRoute"/>), emitted beside the call.</summary>
    private void RequestRouteFinders(FunctionModel f)
    {
        foreach (var p in ResourceEmitter.SearchedForRoute(f)) ResourceIn(p.Type);
    }

    /// <summary>
    /// The same call for a guest on a fiber: the values live in arrays (they cross an await), and the call is awaited,
    /// so no thread is held while the guest waits.
    /// </summary>
    public void EmitCallAsync(CodeWriter w, FunctionModel f)
    {
        var returnType = f.Result is null ? HostApi.ValueTask : $"{HostApi.ValueTask}<{Cs(f.Result)}>";
        var parameters = string.Concat(f.Params.Select(p => $", {TypeNames.CsParameter(p.Type, _typeNamespace)} {p.CsName}"));
        w.Line($"/// <summary>Like <see cref=\"{f.CsName}\"/>, awaiting the call: a guest on a fiber holds no thread while it waits.</summary>");
        using (w.Open($"internal static async {returnType} {f.CsName}Async({HostApi.ComponentCall} call{parameters})"))
        {
            w.Line($"var args = new {Val}[{f.Params.Count}];");
            EmitLowerArguments(w, f);
            w.Line($"var results = new {Val}[{(f.Result is null ? 0 : 1)}];");
            w.Line("await call.InvokeAsync(args, results).ConfigureAwait(false);");
            EmitLiftResult(w, f);
        }
    }

    /// <summary>Fills <c>args</c> from the parameters; a value that cannot cross releases those already made and fails the call with Invalid.</summary>
    private void EmitLowerArguments(CodeWriter w, FunctionModel f)
    {
        if (f.Params.Count == 0) return;
        w.Line("// Each argument owns what it points to (strings, lists… allocated for Wasmtime): released here when a");
        w.Line("// later one cannot cross, by Invoke otherwise.");
        using (w.Open("try"))
        {
            for (var i = 0; i < f.Params.Count; i++)
            {
                var p = f.Params[i];
                w.Line($"args[{i}] = {ToValOf(p.Type, p.CsName, Literals.String(p.WitName))};");
            }
        }
        using (w.Open($"catch ({ValueError} valueError)"))
        {
            w.Line($"{Val}.Release(args);");
            w.Line("throw call.Invalid(valueError.Message);");
        }
        if (f.Params.Any(p => p.Type.HasGuestResource()))
        {
            using (w.Open("catch"))
            {
                w.Line("// a resource disposed");
                w.Line($"{Val}.Release(args);");
                w.Line("throw;");
            }
        }
    }

    /// <summary>Returns the result read from <c>results[0]</c> (then released), if the function has one.</summary>
    private void EmitLiftResult(CodeWriter w, FunctionModel f)
    {
        if (f.Result is null) return;
        w.Line("// The result is Wasmtime's: it is read into C# values, then released.");
        using (w.Open("try"))
        {
            if (f.Result.HasGuestResource()) w.Line("// A resource in it becomes an object holding the guest's handle: its instance stays with it until it is disposed.");
            w.Line($"return {FromValOf(f.Result, "results[0]", "\"result\"")};");
        }
        using (w.Open($"catch ({ValueError} valueError)"))
        {
            w.Line("throw call.Invalid(valueError.Message);");
        }
        using (w.Open("finally"))
        {
            w.Line($"{Val}.Release(results);");
        }
    }

    /// <summary>The adapter between Wasmtime and an app's implementation of one imported function.</summary>
    public void EmitImportAdapter(CodeWriter w, ImportInterfaceModel iface, ImportFunctionModel f)
    {
        var implementation = $"global::{_typeNamespace}.{iface.CsName}";
        w.Line($"/// <summary>Runs <c>{CodeWriter.Escape(f.Instance)}#{f.WitName}</c> on <paramref name=\"implementation\"/>: <c>{CodeWriter.Escape(f.WitSignature)}</c>.</summary>");
        using (w.Open($"internal static void {AdapterName(iface, f)}({implementation} implementation, global::System.ReadOnlySpan<{Val}> args, global::System.Span<{Val}> results)"))
        {
            EmitReadArguments(w, f);
            // A resource's method runs on the object behind its self handle; anything else on the interface's implementation.
            var call = f.Member == ResourceMemberKind.Method
                ? $"self.{f.CsName}({string.Join(", ", f.Params.Skip(1).Select(p => p.CsName))})"
                : $"implementation.{f.CsName}({string.Join(", ", f.Params.Select(p => p.CsName))})";
            if (f.Result is null)
            {
                w.Line(call + ";");
            }
            else
            {
                if (f.Result.HasResource()) w.Line("// The app's objects are kept by the host for the guest's new handles (each disposed when the guest drops it).");
                w.Line($"results[0] = {ToValOf(f.Result, call, "\"result\"")};");
            }
        }
    }

    /// <summary>The awaiting adapter: reads the arguments, starts the implementation's operation and says how to write its result.</summary>
    public void EmitAsyncImportAdapter(CodeWriter w, ImportInterfaceModel iface, ImportFunctionModel f)
    {
        var implementation = $"global::{_typeNamespace}.{iface.AsyncCsName}";
        w.Line($"/// <summary>Starts <c>{CodeWriter.Escape(f.Instance)}#{f.WitName}</c> on <paramref name=\"implementation\"/>: <c>{CodeWriter.Escape(f.WitSignature)}</c>.</summary>");
        using (w.Open($"internal static {HostApi.ComponentImportOperation} {AsyncAdapterName(iface, f)}({implementation} implementation, global::System.ReadOnlySpan<{Val}> args, global::System.Threading.CancellationToken cancellationToken)"))
        {
            EmitReadArguments(w, f);
            var call = $"implementation.{f.CsName}Async({string.Join(", ", f.Params.Select(p => p.CsName).Concat(new[] { "cancellationToken" }))})";
            w.Line(f.Result is null
                ? $"return {HostApi.ComponentImportOperation}.Of({call});"
                : $"return {HostApi.ComponentImportOperation}.Of({call}, static (value, results) => results[0] = {ToVal(f.Result)}(value, \"result\"));");
        }
    }

    /// <summary>
    /// One local per parameter, read from the borrowed <c>args</c> (an adapter's first lines). A resource handle becomes the
    /// app's object behind it: lent for the call (borrow), or given up by the guest (own: the app's to dispose).
    /// </summary>
    private void EmitReadArguments(CodeWriter w, ImportFunctionModel f)
    {
        for (var i = 0; i < f.Params.Count; i++)
        {
            var p = f.Params[i];
            w.Line($"var {p.CsName} = {FromValOf(p.Type, $"args[{i}]", Literals.String(p.WitName))};");
        }
    }

    public static string AdapterName(ImportInterfaceModel iface, ImportFunctionModel f) => iface.CsName.Substring(1) + "_" + f.CsName;

    public static string AsyncAdapterName(ImportInterfaceModel iface, ImportFunctionModel f) => iface.AsyncCsName.Substring(1) + "_" + f.CsName;

    public void EmitAll(CodeWriter w) => _helpers.EmitAll(w, (body, kind, type) =>
    {
        if (kind == "ToVal") EmitToVal(body, type);
        else if (kind == "FromVal") EmitFromVal(body, type);
        else EmitResourceIn(body, type);
    });

    private void EmitToVal(CodeWriter w, TypeModel type)
    {
        var input = TypeNames.CsLowerInput(type, _typeNamespace);
        using (w.Open($"internal static {Val} ToVal_{TypeNames.Key(type)}({CallParameter(type)}{input} value, string what)"))
        {
            switch (type)
            {
                case ResourceType { IsImported: true } r:
                    w.Line($"return {Values}.OwnImported(value, {Literals.String(r.WitName)}, what);");
                    break;
                case ResourceType r:
                    // Lent for the call (borrow), or given to the guest (own: the move happens when the call enters it).
                    w.Line($"if (value is null) throw new {ValueError}(what + {Literals.String($": expected a {r.WitName}, got null")});");
                    w.Line($"return value.Resource.{(r.IsBorrow ? "Lend" : "Give")}(in call, what);");
                    break;
                case PrimitiveType { Kind: PrimitiveKind.String }:
                    w.Line($"return {Values}.String(value, what);");
                    break;
                case PrimitiveType p:
                    w.Line($"return {Val}.{ValFactory(p.Kind)}(value);");
                    break;
                case ListType { Element: PrimitiveType { Kind: PrimitiveKind.U8 } }:
                    w.Line($"return {Val}.OwnedBytes(value.Span);");
                    break;
                case ListType l:
                    w.Line($"if (value is null) throw new {ValueError}(what + \": expected a list, got null\");");
                    w.Line($"var list = {Val}.OwnedList(value.Count);");
                    w.Line("var i = 0;");
                    using (w.Open("try"))
                    {
                        w.Line($"for (; i < value.Count; i++) {Val}.SetItem(ref list, i, {ToValOf(l.Element, "value[i]", "what")});");
                    }
                    EmitPathCatch(w, "\"[\" + i + \"]\"", "list");
                    w.Line("return list;");
                    break;
                case OptionType o:
                    var has = IsNullableStruct(o) ? "value.HasValue" : "value is not null";
                    var inner = IsNullableStruct(o) ? "value.Value" : "value";
                    w.Line($"return {has} ? {Val}.OwnedSome({ToValOf(o.Inner, inner, "what")}) : {Val}.None;");
                    break;
                case ResultType r:
                    w.Line(r.Ok is null
                        ? $"if (value.IsOk) return {Val}.OwnedOk(null);"
                        : $"if (value.IsOk) return {Val}.OwnedOk({ToValOf(r.Ok, "value.Value", "what")});");
                    w.Line(r.Err is null
                        ? $"return {Val}.OwnedErr(null);"
                        : $"return {Val}.OwnedErr({ToValOf(r.Err, "value.Error", "what")});");
                    break;
                case TupleType t:
                    w.Line($"var tuple = {Val}.OwnedTuple({t.Elements.Count});");
                    w.Line("var field = 0;");
                    using (w.Open("try"))
                    {
                        for (var i = 0; i < t.Elements.Count; i++)
                        {
                            if (i > 0) w.Line($"field = {i};");
                            w.Line($"{Val}.SetItem(ref tuple, {i}, {ToValOf(t.Elements[i], $"value.Item{i + 1}", "what")});");
                        }
                    }
                    EmitPathCatch(w, FieldSegments(t.Elements.Select((_, i) => $"[{i}]")), "tuple");
                    w.Line("return tuple;");
                    break;
                case RecordType r:
                    w.Line($"if (value is null) throw new {ValueError}(what + \": expected a record, got null\");");
                    w.Line($"var record = {Val}.OwnedRecord({r.Fields.Count});");
                    w.Line("var field = 0;");
                    using (w.Open("try"))
                    {
                        for (var i = 0; i < r.Fields.Count; i++)
                        {
                            var f = r.Fields[i];
                            if (i > 0) w.Line($"field = {i};");
                            w.Line($"{Val}.SetField(ref record, {i}, \"{f.WitName}\", {ToValOf(f.Type, $"value.{f.CsName}", "what")});");
                        }
                    }
                    EmitPathCatch(w, FieldSegments(r.Fields.Select(f => "." + f.WitName)), "record");
                    w.Line("return record;");
                    break;
                case EnumType e:
                    using (w.Open("switch (value)"))
                    {
                        foreach (var c in e.Cases) w.Line($"case {Cs(type)}.{c.CsName}: return {Val}.OwnedEnum(\"{c.WitName}\");");
                        w.Line($"default: throw new {ValueError}(what + \": \" + (int)value + \" is not a case of {e.WitName}\");");
                    }
                    break;
                case FlagsType f:
                    w.Line($"var names = new string[{f.Flags.Count}];");
                    w.Line("var count = 0;");
                    foreach (var c in f.Flags) w.Line($"if ((value & {Cs(type)}.{c.CsName}) != 0) names[count++] = \"{c.WitName}\";");
                    // Spelled out: an app without implicit usings has no "using System;" for the AsSpan extension.
                    w.Line($"return {Val}.OwnedFlags(global::System.MemoryExtensions.AsSpan(names, 0, count));");
                    break;
                case VariantType v:
                    using (w.Open("switch (value)"))
                    {
                        for (var i = 0; i < v.Cases.Count; i++)
                        {
                            var c = v.Cases[i];
                            w.Line(c.Payload is null
                                ? $"case {Cs(type)}.{c.CsName}: return {Val}.OwnedVariant(\"{c.WitName}\", null);"
                                : $"case {Cs(type)}.{c.CsName} case{i}: return {Val}.OwnedVariant(\"{c.WitName}\", {ToValOf(c.Payload, $"case{i}.Value", "what")});");
                        }
                        w.Line($"case null: throw new {ValueError}(what + \": expected a {v.WitName}, got null\");");
                        w.Line($"default: throw new {ValueError}(what + \": \" + value.GetType().Name + \" is not a case of {v.WitName}\");");
                    }
                    break;
            }
        }
    }

    private void EmitFromVal(CodeWriter w, TypeModel type)
    {
        using (w.Open($"internal static {Cs(type)} FromVal_{TypeNames.Key(type)}({CallParameter(type)}{Val} value, string what)"))
        {
            switch (type)
            {
                case ResourceType { IsImported: true } r:
                    w.Line($"return {Values}.{(r.IsBorrow ? "BorrowImported" : "TakeImported")}<{Cs(type)}>(value, {Literals.String(r.WitName)}, what);");
                    break;
                case ResourceType r:
                    w.Line($"return new {Cs(type)}(call.TakeResource(value, {Literals.String(r.WitName)}));");
                    break;
                case PrimitiveType p:
                    w.Line($"return {Values}.{ReaderName(p.Kind)}(value, what);");
                    break;
                case ListType { Element: PrimitiveType { Kind: PrimitiveKind.U8 } }:
                    w.Line($"return {Values}.ReadBytes(value, what);");
                    break;
                case ListType l:
                    w.Line($"var items = {Values}.ReadList(value, what);");
                    w.Line($"var result = new {TypeNames.NewArray(l.Element, "items.Length", _typeNamespace)};");
                    w.Line("var i = 0;");
                    using (w.Open("try"))
                    {
                        w.Line($"for (; i < items.Length; i++) result[i] = {FromValOf(l.Element, "items[i]", "what")};");
                    }
                    EmitPathCatch(w, "\"[\" + i + \"]\"", null);
                    w.Line("return result;");
                    break;
                case OptionType o:
                    w.Line($"if (!{Values}.ReadOption(value, what, out var inner)) return default;");
                    w.Line(o.Inner is OptionType
                        ? $"return {Cs(type)}.Some({FromValOf(o.Inner, "inner", "what")});"
                        : $"return {FromValOf(o.Inner, "inner", "what")};");
                    break;
                case ResultType r:
                    w.Line($"var isOk = {Values}.ReadResult(value, what, out var payload);");
                    w.Line(r.Ok is null
                        ? $"if (isOk) return {Cs(type)}.Ok(default);"
                        : $"if (isOk) return {Cs(type)}.Ok({FromValOf(r.Ok, $"{Values}.Payload(payload, what)", "what")});");
                    w.Line(r.Err is null
                        ? $"return {Cs(type)}.Err(default);"
                        : $"return {Cs(type)}.Err({FromValOf(r.Err, $"{Values}.Payload(payload, what)", "what")});");
                    break;
                case TupleType t:
                {
                    w.Line($"var items = {Values}.ReadTuple(value, what, {t.Elements.Count});");
                    w.Line("var field = 0;");
                    using (w.Open("try"))
                    {
                        for (var i = 0; i < t.Elements.Count; i++)
                        {
                            if (i > 0) w.Line($"field = {i};");
                            w.Line($"var item{i} = {FromValOf(t.Elements[i], $"items[{i}]", "what")};");
                        }
                        var names = t.Elements.Select((_, i) => $"item{i}").ToList();
                        w.Line(t.Elements.Count == 1 ? $"return new {Cs(type)}({names[0]});" : "return (" + string.Join(", ", names) + ");");
                    }
                    EmitPathCatch(w, FieldSegments(t.Elements.Select((_, i) => $"[{i}]")), null);
                    break;
                }
                case RecordType r:
                    w.Line($"var fields = {Values}.ReadRecord(value, what, {r.Fields.Count});");
                    w.Line("var field = 0;");
                    using (w.Open("try"))
                    {
                        for (var i = 0; i < r.Fields.Count; i++)
                        {
                            if (i > 0) w.Line($"field = {i};");
                            w.Line($"var field{i} = {FromValOf(r.Fields[i].Type, $"fields[{i}].Value", "what")};");
                        }
                        w.Line($"return new {Cs(type)}({string.Join(", ", r.Fields.Select((_, i) => $"field{i}"))});");
                    }
                    EmitPathCatch(w, FieldSegments(r.Fields.Select(f => "." + f.WitName)), null);
                    break;
                case EnumType e:
                    w.Line($"var name = {Values}.ReadEnum(value, what);");
                    using (w.Open("switch (name)"))
                    {
                        foreach (var c in e.Cases) w.Line($"case \"{c.WitName}\": return {Cs(type)}.{c.CsName};");
                        w.Line($"default: throw new {ValueError}(what + \": '\" + name + \"' is not a case of {e.WitName}\");");
                    }
                    break;
                case FlagsType f:
                    w.Line($"var flags = default({Cs(type)});");
                    using (w.Open($"foreach (var name in {Values}.ReadFlags(value, what))"))
                    {
                        using (w.Open("switch (name)"))
                        {
                            foreach (var c in f.Flags) w.Line($"case \"{c.WitName}\": flags |= {Cs(type)}.{c.CsName}; break;");
                            w.Line($"default: throw new {ValueError}(what + \": '\" + name + \"' is not a flag of {f.WitName}\");");
                        }
                    }
                    w.Line("return flags;");
                    break;
                case VariantType v:
                    w.Line($"var name = {Values}.ReadVariant(value, what, out var payload);");
                    using (w.Open("switch (name)"))
                    {
                        foreach (var c in v.Cases)
                        {
                            w.Line(c.Payload is null
                                ? $"case \"{c.WitName}\": return new {Cs(type)}.{c.CsName}();"
                                : $"case \"{c.WitName}\": return new {Cs(type)}.{c.CsName}({FromValOf(c.Payload, $"{Values}.Payload(payload, what)", "what")});");
                        }
                        w.Line($"default: throw new {ValueError}(what + \": '\" + name + \"' is not a case of {v.WitName}\");");
                    }
                    break;
            }
        }
    }

    /// <summary>
    /// <c>ResourceIn_*</c>: the first resource of the guest's in a value (depth first), or null; a call taking resources
    /// only inside other values (a list of counters) runs on the instance of the first one it finds.
    /// </summary>
    private void EmitResourceIn(CodeWriter w, TypeModel type)
    {
        var input = TypeNames.CsLowerInput(type, _typeNamespace);
        using (w.Open($"internal static {HostApi.GuestResource}? ResourceIn_{TypeNames.Key(type)}({input} value)"))
        {
            // Only the parts that can hold one are searched; a null where a value is required is refused later, when it is lowered.
            string Find(TypeModel part, string value) => part.HasGuestResource() ? $"{ResourceIn(part)}({value})" : "null";
            string FirstOf(IEnumerable<string> finds)
            {
                var list = finds.Where(f => f != "null").ToList();
                return list.Count == 0 ? "null" : string.Join(" ?? ", list);
            }
            switch (type)
            {
                case ResourceType:
                    w.Line("return value?.Resource;");
                    break;
                case ListType l:
                    w.Line("if (value is null) return null;");
                    w.Line($"foreach (var item in value) if ({Find(l.Element, "item")} is {{ }} found) return found;");
                    w.Line("return null;");
                    break;
                case OptionType o:
                    w.Line(IsNullableStruct(o) ? $"return value.HasValue ? {Find(o.Inner, "value.Value")} : null;" : $"return value is null ? null : {Find(o.Inner, "value")};");
                    break;
                case ResultType r:
                    w.Line($"return value.IsOk ? {(r.Ok is null ? "null" : Find(r.Ok, "value.Value"))} : {(r.Err is null ? "null" : Find(r.Err, "value.Error"))};");
                    break;
                case TupleType t:
                    w.Line($"return {FirstOf(t.Elements.Select((e, i) => Find(e, $"value.Item{i + 1}")))};");
                    break;
                case RecordType r:
                    w.Line($"return value is null ? null : {FirstOf(r.Fields.Select(f => Find(f.Type, $"value.{f.CsName}")))};");
                    break;
                case VariantType v:
                    using (w.Open("switch (value)"))
                    {
                        for (var i = 0; i < v.Cases.Count; i++)
                        {
                            var c = v.Cases[i];
                            if (c.Payload.HasGuestResource()) w.Line($"case {Cs(type)}.{c.CsName} case{i}: return {Find(c.Payload!, $"case{i}.Value")};");
                        }
                        w.Line("default: return null;");
                    }
                    break;
            }
        }
    }

    /// <summary>Whether an option's C# value is a struct with <c>HasValue</c>/<c>Value</c> (<c>T?</c> of a value type, <c>Option&lt;T&gt;</c>), not a nullable reference.</summary>
    private static bool IsNullableStruct(OptionType o) => o.Inner is OptionType || !TypeNames.IsReference(o.Inner);

    private const string Path = HostApi.AbiPath;

    /// <summary>The catch clause that adds a path segment to a value error raised under <c>what</c> (paths are only built on failure).</summary>
    private static void EmitPathCatch(CodeWriter w, string segment, string? release)
    {
        using (w.Open($"catch ({ValueError} exception) when ({Path}.IsAt(exception, what))"))
        {
            if (release is not null) w.Line($"{Val}.Release(ref {release});");
            w.Line($"throw {Path}.Under(exception, what, {segment});");
        }
        if (release is null) return;
        using (w.Open("catch"))
        {
            w.Line($"{Val}.Release(ref {release});");
            w.Line("throw;");
        }
    }

    private static string FieldSegments(IEnumerable<string> segments)
    {
        var list = segments.ToList();
        return "field switch { " + string.Join(", ", list.Select((seg, i) => i + 1 < list.Count ? $"{i} => \"{seg}\"" : $"_ => \"{seg}\"")) + " }";
    }

    private static string ValFactory(PrimitiveKind kind) => kind switch
    {
        PrimitiveKind.Bool => "Bool",
        PrimitiveKind.Char => "Char",
        _ => kind.ToString(),
    };

    private static string ReaderName(PrimitiveKind kind) => "Read" + kind;
}
