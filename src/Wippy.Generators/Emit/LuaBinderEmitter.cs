using Wippy.Generators.Model;

namespace Wippy.Generators.Emit;

/// <summary>
/// Emits a namespace's Lua binders (<c>&lt;Class&gt;Lua</c>): per function, the method <c>funcs.call</c> runs (arguments
/// from the Lua stack, results pushed back); per typed function.lua, the writer of its arguments and the reader of its
/// results; then the per-type readers and pushers (<see cref="LuaHelperEmitter"/>). The mapping is docs/lua.md's and
/// docs/values.md's (Lua column).
/// </summary>
internal static class LuaBinderEmitter
{
    /// <summary>True when the namespace has a function <c>funcs.call</c> can call, or a typed Lua function.</summary>
    public static bool HasContent(NamespaceModel ns) => ns.Functions.Count > 0 || ns.TypedLuaFunctions.Any();

    /// <summary>The binder class, which the registration's <c>InvokeLua</c> and the typed Lua proxies point at.</summary>
    public static string ClassName(NamespaceModel ns) => ns.CsClassName + "Lua";

    public static void Emit(CodeWriter w, NamespaceModel ns)
    {
        var helpers = new LuaHelperEmitter(ns.CsNamespace);
        w.Line($"/// <summary>Lua binders of <c>{ns.RegistryNamespace}</c> (<c>funcs.call</c>): arguments from the Lua stack, results pushed back.</summary>");
        w.Line(GeneratedCode.Attribute);
        using (w.Open($"internal static partial class {ClassName(ns)}"))
        {
            var first = true;
            foreach (var f in ns.Functions)
            {
                if (!first) w.Line();
                first = false;
                EmitFunctionBinder(w, ns, f, helpers);
            }
            foreach (var (_, c) in ResourceEmitter.Classes(ns))
            {
                if (!first) w.Line();
                first = false;
                EmitResourceMethods(w, ns, c, helpers);
            }
            foreach (var lua in ns.TypedLuaFunctions)
            {
                if (!first) w.Line();
                first = false;
                EmitTypedLuaCall(w, ns, lua, helpers);
            }
            helpers.EmitAll(w);
        }
    }

    private static void EmitFunctionBinder(CodeWriter w, NamespaceModel ns, FunctionModel f, LuaHelperEmitter helpers)
    {
        w.Line($"/// <summary>Reads {f.Params.Count} Lua argument(s) for <c>{f.Id}</c> from stack slots <paramref name=\"first\"/>…, calls it, pushes the result(s) and returns how many.</summary>");
        using (w.Open($"internal static int {f.CsName}({HostApi.WasmFunctionHandle} function, nint L, int first, int count)"))
        {
            EmitReadArguments(w, f, helpers);
            EmitPushResult(w, f, helpers, $"{ns.CsClassName}.Invoke{f.CsName}(function{string.Concat(f.Params.Select(p => ", " + p.CsName))})");
        }
        if (!ProxyEmitter.RunsOnFiberSometimes(f)) return;
        w.Line();
        w.Line($"/// <summary>Like <see cref=\"{f.CsName}\"/>, awaiting the call (<c>funcs.async</c>): a guest on a fiber holds no thread while it waits. <paramref name=\"L\"/> must be the caller's alone until this completes.</summary>");
        using (w.Open($"internal static async {HostApi.ValueTask}<int> {f.CsName}Async({HostApi.WasmFunctionHandle} function, nint L, int first, int count, global::System.Threading.CancellationToken cancellationToken)"))
        {
            EmitReadArguments(w, f, helpers);
            EmitPushResult(w, f, helpers, $"await {ns.CsClassName}.Invoke{f.CsName}Async(function{string.Concat(f.Params.Select(p => ", " + p.CsName))}, cancellationToken).ConfigureAwait(false)");
        }
    }

    /// <summary>
    /// The methods of a resource as Lua calls them (<c>c:get()</c>, through <c>ILuaResource.CallFromLua</c>): one case per
    /// WIT method, its arguments read from the Lua stack and its result pushed back as for a function; -1 for a name
    /// the resource has no method of.
    /// </summary>
    private static void EmitResourceMethods(CodeWriter w, NamespaceModel ns, ResourceClassModel c, LuaHelperEmitter helpers)
    {
        w.Line($"/// <summary>Calls the method <paramref name=\"method\"/> of a <c>{c.WitName}</c> from Lua; -1 when it has none.</summary>");
        using (w.Open($"internal static int Call{c.CsName}(global::{ns.CsNamespace}.{c.CsName} self, string method, nint L, int first, int count)"))
        {
            using (w.Open("switch (method)"))
            {
                foreach (var m in c.Members.Where(m => m.Kind == ResourceMemberKind.Method))
                {
                    // self is the object; the other parameters come from the Lua stack, named as in messages "counter.add".
                    var others = m.Params.Skip(1).ToEquatableArray();
                    using (w.Open($"case {Literals.String(m.WitName)}:"))
                    {
                        EmitReadArguments(w, $"{c.WitName}.{m.WitName}", others, helpers);
                        EmitPushResult(w, m.Result, helpers, $"self.{m.CsName}({string.Join(", ", others.Select(p => p.CsName))})");
                    }
                }
                w.Line("default:");
                w.Line("    return -1;");
            }
        }
    }

    private static void EmitReadArguments(CodeWriter w, FunctionModel f, LuaHelperEmitter helpers) => EmitReadArguments(w, f.Id, f.Params, helpers);

    private static void EmitReadArguments(CodeWriter w, string id, EquatableArray<ParamModel> parameters, LuaHelperEmitter helpers)
    {
        w.Line($"{HostApi.LuaValues}.ExpectArgumentCount(count, {parameters.Count}, {Literals.String(id)}, {Literals.String(WitSpelling.Parameters(parameters))});");
        foreach (var (p, i) in parameters.Select((p, i) => (p, i)))
        {
            w.Line($"var {p.CsName} = {helpers.Read(p.Type)}(L, first + {i}, {Literals.String(p.WitName)});");
        }
    }

    /// <summary>Makes the call <paramref name="call"/>, pushes its result(s) and returns how many.</summary>
    private static void EmitPushResult(CodeWriter w, FunctionModel f, LuaHelperEmitter helpers, string call) => EmitPushResult(w, f.Result, helpers, call);

    private static void EmitPushResult(CodeWriter w, TypeModel? resultType, LuaHelperEmitter helpers, string call)
    {
        switch (resultType)
        {
            case null:
                w.Line(call + ";");
                w.Line("return 0;");
                break;
            case ResultType r:
                // A top-level result is two returns (docs/lua.md): value, nil or nil, err.
                // (no lua_checkstack: Lua guarantees a C function LUA_MINSTACK = 20 free slots, and this pushes 2)
                w.Line($"var result = {call};");
                using (w.Open("if (result.IsOk)"))
                {
                    w.Line(r.Ok is null ? $"{HostApi.LuaValues}.PushBool(L, true);" : $"{helpers.Push(r.Ok)}(L, result.Value);");
                    w.Line($"{HostApi.LuaValues}.PushNil(L);");
                }
                using (w.Open("else"))
                {
                    w.Line($"{HostApi.LuaValues}.PushNil(L);");
                    w.Line(r.Err is null ? $"{HostApi.LuaValues}.PushString(L, \"error\");" : $"{helpers.Push(r.Err)}(L, result.Error);");
                }
                w.Line("return 2;");
                break;
            default:
                w.Line($"{helpers.Push(resultType)}(L, {call});");
                w.Line("return 1;");
                break;
        }
    }

    /// <summary>For a typed function.lua: the writer of its arguments and the reader of its results (docs/values.md, Lua column).</summary>
    private static void EmitTypedLuaCall(CodeWriter w, NamespaceModel ns, LuaFunctionModel lua, LuaHelperEmitter helpers)
    {
        var s = lua.Signature!;
        w.Line($"/// <summary>Pushes the arguments of <c>{lua.Id}</c>.</summary>");
        using (w.Open($"internal static int Write{lua.CsName}(nint L, {ArgumentsType(ns, s)} args)"))
        {
            for (var i = 0; i < s.Params.Count; i++)
            {
                w.Line($"{helpers.Push(s.Params[i].Type)}(L, args.Item{i + 1});");
            }
            w.Line($"return {s.Params.Count};");
        }
        w.Line();
        var result = s.Result is null ? HostApi.Unit : TypeNames.Cs(s.Result, ns.CsNamespace);
        w.Line($"/// <summary>Reads the result of <c>{lua.Id}</c> from the values it returned.</summary>");
        using (w.Open($"internal static {result} Read{lua.CsName}(nint L, int first, int count)"))
        {
            switch (s.Result)
            {
                case null:
                    w.Line("return default;");
                    break;
                case ResultType r:
                    // two returns: value, nil (ok) or nil, err
                    using (w.Open($"if (count >= 2 && {HostApi.LuaValues}.IsNil(L, first) && !{HostApi.LuaValues}.IsNil(L, first + 1))"))
                    {
                        w.Line($"return {result}.Err({(r.Err is null ? "default" : $"{helpers.Read(r.Err)}(L, first + 1, \"err\")")});");
                    }
                    w.Line($"return {result}.Ok({(r.Ok is null ? "default" : $"{helpers.Read(r.Ok)}(L, first, \"result\")")});");
                    break;
                default:
                    w.Line($"return {helpers.Read(s.Result)}(L, first, \"result\");");
                    break;
            }
        }
    }

    /// <summary>The C# type of a typed Lua call's arguments: a tuple (<c>ValueTuple</c> for none).</summary>
    private static string ArgumentsType(NamespaceModel ns, Signature s) => s.Params.Count switch
    {
        0 => "global::System.ValueTuple",
        1 => $"global::System.ValueTuple<{TypeNames.Cs(s.Params[0].Type, ns.CsNamespace)}>",
        _ => "(" + string.Join(", ", s.Params.Select(p => TypeNames.Cs(p.Type, ns.CsNamespace))) + ")",
    };
}
