using Wippy.Generators.Model;

namespace Wippy.Generators.Emit;

/// <summary>
/// Emits a namespace's typed proxy class (<c>MynsFunctions</c>): per function, a synchronous and an asynchronous
/// method, and the static <c>Invoke*</c> methods the binders call; per typed function.lua, one method. A function with
/// <c>transport: wasi-http</c> gets only the static methods: it takes an HTTP request's body and is called by its
/// endpoints (through the JSON binder), so a typed method could only ever fail.
/// </summary>
internal static class ProxyEmitter
{
    private const string ValueTask = "global::System.Threading.Tasks.ValueTask";
    private const string Token = "global::System.Threading.CancellationToken";

    public static void Emit(CodeWriter w, NamespaceModel ns)
    {
        w.Summary($"Typed calls into the functions of the registry namespace <c>{ns.RegistryNamespace}</c>.");
        w.Line(GeneratedCode.Attribute);
        using (w.Open($"public sealed partial class {ns.CsClassName}"))
        {
            foreach (var f in ns.Functions.Where(HasHandle)) w.Line($"private readonly {HostApi.WasmFunctionHandle} _{Field(f)};");
            foreach (var lua in ns.TypedLuaFunctions) w.Line($"private readonly {HostApi.LuaFunctionHandle} _{LuaField(lua)};");
            var spawns = ns.Functions.Any(IsProcess);
            if (spawns) w.Line($"private readonly {HostApi.LocalProcessHost} _processes;");
            if (ns.Functions.Any(HasHandle) || ns.TypedLuaFunctions.Any()) w.Line();
            w.Line("/// <summary>Binds the proxy to the functions loaded by <paramref name=\"runtime\"/>.</summary>");
            using (w.Open($"public {ns.CsClassName}({HostApi.WippyRuntime} runtime)"))
            {
                w.Line("global::System.ArgumentNullException.ThrowIfNull(runtime);");
                foreach (var f in ns.Functions.Where(HasHandle)) w.Line($"_{Field(f)} = runtime.GetWasmFunction({Literals.String(f.Id)});");
                if (spawns) w.Line("_processes = runtime.Processes;");
                foreach (var lua in ns.TypedLuaFunctions) w.Line($"_{LuaField(lua)} = runtime.GetLuaFunction({Literals.String(lua.Id)});");
            }
            foreach (var f in ns.Functions)
            {
                w.Line();
                EmitFunction(w, ns, f);
            }
            foreach (var lua in ns.TypedLuaFunctions)
            {
                w.Line();
                EmitLuaFunction(w, ns, lua);
            }
            foreach (var member in ResourceEmitter.Members(ns))
            {
                w.Line();
                ResourceEmitter.EmitProxyMember(w, ns, member);
                EmitFunction(w, ns, member.Model, member.Route);
            }
        }
    }

    /// <summary>
    /// Whether the function gets public typed methods: every function but a wasi-http one (its endpoints call it) and
    /// a process (it is run, as a command, not called).
    /// </summary>
    private static bool HasTypedMethods(FunctionModel f) => f.Transport != "wasi-http" && !IsProcess(f);

    /// <summary>Whether the function is a <c>process.wasm</c> entry: it gets a typed spawn method instead of call methods.</summary>
    private static bool IsProcess(FunctionModel f) => f.Kind == "process.wasm";

    /// <summary>Whether the proxy holds the function's handle: for its typed methods, or its spawn method.</summary>
    private static bool HasHandle(FunctionModel f) => HasTypedMethods(f) || IsProcess(f);

    /// <summary>
    /// The public methods of one function and the static ones behind them: <c>Invoke*</c> takes an instance from the
    /// pool (synchronously when one is free), <c>Run*</c> makes the call on it and gives it back, or drops it when the
    /// call failed half-way (its memory may be inconsistent).
    /// </summary>
    /// <param name="w">Where the code goes.</param>
    /// <param name="ns">The namespace.</param>
    /// <param name="f">The function.</param>
    /// <param name="route">
    /// For a function that runs on the instance holding a resource (it takes one), or that calls another export than the
    /// entry's (a resource's member): the expression beginning its call, and whether it has the entry's handle
    /// (<see cref="ResourceEmitter.Route"/>); then only the static methods are emitted.
    /// </param>
    private static void EmitFunction(CodeWriter w, NamespaceModel ns, FunctionModel f, ResourceEmitter.Route? route = null)
    {
        route ??= ResourceEmitter.RouteOf(ns, f);
        var result = f.Result is null ? null : TypeNames.Cs(f.Result, ns.CsNamespace);
        var parameters = string.Join(", ", f.Params.Select(p => $"{TypeNames.CsParameter(p.Type, ns.CsNamespace)} {p.CsName}"));
        var staticParams = string.Concat(f.Params.Select(p => $", {TypeNames.CsParameter(p.Type, ns.CsNamespace)} {p.CsName}"));
        var arguments = string.Concat(f.Params.Select(p => ", " + p.CsName));
        var valueTask = result is null ? ValueTask : $"{ValueTask}<{result}>";
        var remarks = f.ComponentFingerprint is null
            ? $"Entry <c>{f.Id}</c> ({f.Kind}, {f.DeclaredAt}), export <c>{CodeWriter.Escape(f.Method)}</c>: <c>{CodeWriter.Escape(f.WitSignature)}</c>."
            : $"Entry <c>{f.Id}</c> ({f.Kind}, component, {f.DeclaredAt}), function <c>{CodeWriter.Escape(f.Method)}</c>: <c>{CodeWriter.Escape(f.WitSignature)}</c>.";

        if (route is { Member: true })
        {
            // A resource's member: its public method is on the resource's class or, for a constructor or static function, above.
        }
        else if (HasTypedMethods(f))
        {
            w.Summary(CodeWriter.Docs(f.Docs) ?? $"Calls <c>{f.Id}</c>.");
            w.Line($"/// <remarks>{remarks}</remarks>");
            w.Line($"/// <exception cref=\"{HostApi.WippyException}\">The call failed: a bad argument, a trap, a timeout, or the entry did not load.</exception>");
            w.Line($"public {result ?? "void"} {f.CsName}({parameters}) => Invoke{f.CsName}(_{Field(f)}{arguments});");
            w.Line();
            w.Summary(CodeWriter.Docs(f.Docs) ?? $"Calls <c>{f.Id}</c>.");
            w.Line($"/// <remarks>{remarks} Completes synchronously (without allocating) when an instance is free.</remarks>");
            var asyncParams = parameters.Length == 0 ? $"{Token} cancellationToken = default" : $"{parameters}, {Token} cancellationToken = default";
            w.Line($"public {valueTask} {f.CsName}Async({asyncParams}) => Invoke{f.CsName}Async(_{Field(f)}{arguments}, cancellationToken);");
            w.Line();
        }
        else if (IsProcess(f))
        {
            EmitSpawn(w, ns, f, result, parameters, arguments, remarks);
        }
        else
        {
            w.Line($"// {f.Id} has transport: wasi-http: only its http.endpoint calls it (through the JSON binder), so it has no typed method.");
        }

        var callType = f.CallsComponentModel ? HostApi.ComponentCall : HostApi.CoreCall;
        var begin = f.CallsComponentModel ? "BeginComponent" : "Begin";
        // How the call begins: on a pooled instance of the entry, or (route) where a resource it takes lives.
        var syncBegin = route?.Begin ?? $"function.{begin}()";
        var asyncBegin = route?.BeginAsync ?? $"function.{begin}Async(cancellationToken)";
        var handle = route is { TakesHandle: false } ? "" : $"{HostApi.WasmFunctionHandle} function";
        var invokeParams = handle.Length > 0 ? handle + staticParams : staticParams.Length > 0 ? staticParams.Substring(2) : "";
        // The call (a struct of several fields) goes to Run* by reference: passed by value, it was copied on every call.
        using (w.Open($"internal static {result ?? "void"} Invoke{f.CsName}({invokeParams})"))
        {
            w.Line($"var call = {syncBegin};");
            w.Line($"{(result is null ? "" : "return ")}Run{f.CsName}(ref call{arguments});");
        }
        w.Line();
        using (w.Open($"internal static {valueTask} Invoke{f.CsName}Async({(invokeParams.Length > 0 ? invokeParams + ", " : "")}{Token} cancellationToken)"))
        {
            if (route is null)
            {
                EmitWarmFirstAsyncBody(w, f, result, valueTask, callType, asyncBegin, arguments, staticParams);
            }
            else
            {
                EmitBeginThenRun(w, f, result, valueTask, callType, asyncBegin, arguments, staticParams);
            }
        }
        w.Line();
        w.Line("/// <summary>Runs the call on <paramref name=\"call\"/>'s instance, which goes back to its pool only if the call completed.</summary>");
        using (w.Open($"private static {result ?? "void"} Run{f.CsName}(ref {callType} call{staticParams})"))
        {
            EmitRunBody(w, result is null, $"{AbiEmitter.ClassOf(ns, f)}.{f.CsName}(ref call{arguments})");
        }
        if (!RunsOnFiberSometimes(f)) return;
        w.Line();
        w.Line("/// <summary>Like the method above, for a guest on a fiber: the call is awaited, so no thread is held while the guest waits.</summary>");
        using (w.Open($"private static async {valueTask} Run{f.CsName}Async({callType} call{staticParams})"))
        {
            EmitRunBody(w, result is null, $"await {AbiEmitter.ClassOf(ns, f)}.{f.CsName}Async(call{arguments}).ConfigureAwait(false)");
        }
    }

    /// <summary>
    /// Whether a call of the entry may run on a fiber (decided when its instance is made: a component whose imports may
    /// wait): its async invoke then checks <c>call.RunsOnFiber</c> and awaits the call's awaiting form, and it gets the
    /// awaiting JSON and Lua binders.
    /// </summary>
    internal static bool RunsOnFiberSometimes(FunctionModel f) => f.CallsComponentModel || CoreCallEmitter.MayRunOnFiber(f);

    /// <summary>
    /// The async invoke of a call on the entry's pool: on a warm instance free now the call runs at once, with no task in
    /// between (<c>TryBeginWarm</c> / <c>TryBeginComponentWarm</c>); otherwise it awaits the async begin, which makes an
    /// instance, waits for one or fails.
    /// </summary>
    private static void EmitWarmFirstAsyncBody(CodeWriter w, FunctionModel f, string? result, string valueTask, string callType, string asyncBegin, string arguments, string staticParams)
    {
        var tryBegin = f.CallsComponentModel ? "TryBeginComponentWarm" : "TryBeginWarm";
        w.Line($"if (!function.{tryBegin}(cancellationToken, out var call)) return Awaited({asyncBegin}{arguments});");
        EmitRunBegun(w, f, result, valueTask, arguments);
        w.Line();
        EmitAwaited(w, f, result, valueTask, callType, arguments, staticParams);
    }

    /// <summary>
    /// Runs the call begun in <c>call</c>: on its fiber when the guest can wait, else here, its failure a failed task
    /// (never thrown to the caller of an async method).
    /// </summary>
    private static void EmitRunBegun(CodeWriter w, FunctionModel f, string? result, string valueTask, string arguments)
    {
        if (RunsOnFiberSometimes(f))
        {
            w.Line("// A guest that can wait runs on a fiber: awaited, it holds no thread while it waits.");
            w.Line($"if (call.RunsOnFiber) return Run{f.CsName}Async(call{arguments});");
        }
        using (w.Open("try"))
        {
            if (result is null)
            {
                w.Line($"Run{f.CsName}(ref call{arguments});");
                w.Line("return default;");
            }
            else
            {
                w.Line($"return new {valueTask}(Run{f.CsName}(ref call{arguments}));");
            }
        }
        using (w.Open("catch (global::System.Exception exception)"))
        {
            w.Line($"return {ValueTask}.FromException{(result is null ? "" : $"<{result}>")}(exception);");
        }
    }

    /// <summary>The async invoke of a call routed to a resource's instance: begin there, then run.</summary>
    private static void EmitBeginThenRun(CodeWriter w, FunctionModel f, string? result, string valueTask, string callType, string asyncBegin, string arguments, string staticParams)
    {
        // The resource's null check throws here: the caller gets a failed task, as from any other failure.
        w.Line($"global::System.Threading.Tasks.ValueTask<{callType}> begin;");
        using (w.Open("try")) w.Line($"begin = {asyncBegin};");
        using (w.Open("catch (global::System.Exception exception)")) w.Line($"return {ValueTask}.FromException{(result is null ? "" : $"<{result}>")}(exception);");
        w.Line($"if (!begin.IsCompletedSuccessfully) return Awaited(begin{arguments});");
        w.Line("var call = begin.Result;");
        EmitRunBegun(w, f, result, valueTask, arguments);
        w.Line();
        EmitAwaited(w, f, result, valueTask, callType, arguments, staticParams);
    }

    /// <summary>The invoke's local function that awaits a call's beginning, then runs it (on a fiber when the guest can wait).</summary>
    private static void EmitAwaited(CodeWriter w, FunctionModel f, string? result, string valueTask, string callType, string arguments, string staticParams)
    {
        using (w.Open($"static async {valueTask} Awaited(global::System.Threading.Tasks.ValueTask<{callType}> begin{staticParams})"))
        {
            w.Line("var call = await begin.ConfigureAwait(false);");
            if (!RunsOnFiberSometimes(f))
            {
                w.Line($"{(result is null ? "" : "return ")}Run{f.CsName}(ref call{arguments});");
                return;
            }
            w.Line(result is null
                ? $"if (call.RunsOnFiber) await Run{f.CsName}Async(call{arguments}).ConfigureAwait(false); else Run{f.CsName}(ref call{arguments});"
                : $"return call.RunsOnFiber ? await Run{f.CsName}Async(call{arguments}).ConfigureAwait(false) : Run{f.CsName}(ref call{arguments});");
        }
    }

    /// <summary>
    /// The typed spawn method of a process: its life is the entry's async call with these arguments, run by the
    /// runtime's process host (the instance is its own, from the entry's inline pool), and its exit value is typed.
    /// </summary>
    private static void EmitSpawn(CodeWriter w, NamespaceModel ns, FunctionModel f, string? result, string parameters, string arguments, string remarks)
    {
        var command = f.Command is { } c ? $" It also runs as the command <c>{CodeWriter.Escape(c.Name)}</c> (<c>&lt;app&gt; run {CodeWriter.Escape(c.Name)}</c>)." : "";
        w.Summary($"Spawns the process <c>{f.Id}</c>: returns at once with its PID; its exit carries what the method returns.");
        w.Line($"/// <remarks>{remarks}{command}</remarks>");
        w.Line($"/// <exception cref=\"{HostApi.WippyException}\">The spawn was refused: PermissionDenied, or Unavailable when the runtime is stopping.</exception>");
        var options = $"{HostApi.SpawnOptions}? spawnOptions = null";
        var handle = result is null ? HostApi.ProcessHandle : $"{HostApi.ProcessHandle}<{result}>";
        var spawn = result is null ? "Spawn" : $"Spawn<{result}>";
        w.Line($"public {handle} Spawn{f.CsName}({(parameters.Length == 0 ? options : parameters + ", " + options)}) =>");
        w.Line($"    _processes.{spawn}(_{Field(f)}, (function_, stop_) => Invoke{f.CsName}Async(function_{arguments}, stop_), spawnOptions);");
        w.Line();
    }

    /// <summary>The body of a <c>Run*</c> method: makes <paramref name="abiCall"/>, then completes the call, or records why it failed; gives the instance back either way.</summary>
    private static void EmitRunBody(CodeWriter w, bool returnsNothing, string abiCall)
    {
        using (w.Open("try"))
        {
            if (returnsNothing)
            {
                w.Line(abiCall + ";");
                w.Line("call.Complete();");
            }
            else
            {
                w.Line($"var result = {abiCall};");
                w.Line("call.Complete();");
                w.Line("return result;");
            }
        }
        using (w.Open($"catch ({HostApi.WippyException} exception)"))
        {
            w.Line("call.Failed(exception.Kind);");
            w.Line("throw;");
        }
        using (w.Open("finally"))
        {
            w.Line("call.End();");
        }
    }

    /// <summary>The method of a typed function.lua: its arguments go to the Lua binder's writer, its results come back through its reader.</summary>
    private static void EmitLuaFunction(CodeWriter w, NamespaceModel ns, LuaFunctionModel lua)
    {
        var s = lua.Signature!;
        var result = s.Result is null ? HostApi.Unit : TypeNames.Cs(s.Result, ns.CsNamespace);
        var parameters = string.Join(", ", s.Params.Select(p => $"{TypeNames.Cs(p.Type, ns.CsNamespace)} {p.CsName}"));
        var args = s.Params.Count switch
        {
            0 => "default(global::System.ValueTuple)",
            1 => $"new global::System.ValueTuple<{TypeNames.Cs(s.Params[0].Type, ns.CsNamespace)}>({s.Params[0].CsName})",
            _ => "(" + string.Join(", ", s.Params.Select(p => p.CsName)) + ")",
        };
        w.Summary($"Calls the Lua function <c>{lua.Id}</c>.");
        w.Line($"/// <remarks>Entry <c>{lua.Id}</c> (function.lua, {lua.DeclaredAt}), function <c>{CodeWriter.Escape(lua.Method)}</c>: <c>{CodeWriter.Escape(s.WitText)}</c>.</remarks>");
        w.Line($"/// <exception cref=\"{HostApi.WippyException}\">The call failed: an error raised or returned by the Lua code, a result that does not fit the signature, or the entry did not load.</exception>");
        var binder = LuaBinderEmitter.ClassName(ns);
        var call = $"_{LuaField(lua)}.Invoke({args}, {binder}.Write{lua.CsName}, {binder}.Read{lua.CsName})";
        w.Line(s.Result is null
            ? $"public void {lua.CsName}({parameters}) => {call};"
            : $"public {result} {lua.CsName}({parameters}) => {call};");
    }

    private static string Field(FunctionModel f) => char.ToLowerInvariant(f.CsName[0]) + f.CsName.Substring(1);

    private static string LuaField(LuaFunctionModel lua) => char.ToLowerInvariant(lua.CsName[0]) + lua.CsName.Substring(1);
}
