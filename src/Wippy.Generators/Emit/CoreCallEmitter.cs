using Wippy.Generators.Abi;
using Wippy.Generators.Model;

namespace Wippy.Generators.Emit;

/// <summary>
/// Emits, per function of a core module, the method that lowers the arguments, calls the export and lifts
/// the result, following the Canonical ABI: at most 16 flat parameters are passed directly (more go through
/// a tuple in guest memory), and a result of more than one flat value comes back through a return pointer.
/// </summary>
internal static class CoreCallEmitter
{
    private const string Raw = HostApi.ValueRaw;

    /// <summary>
    /// Whether the entry's guest may run on a fiber: a planned component importing WASI that can wait, or the app's
    /// interfaces (which the app may implement only as <c>I…Async</c>). It then also gets the awaiting form of the call.
    /// </summary>
    public static bool MayRunOnFiber(FunctionModel f) => !f.CallsComponentModel && (f.ImportsWaitingWasi || f.ComponentImports.Count > 0);

    public static void Emit(CodeWriter w, FunctionModel f, AbiHelperEmitter abi, string typeNamespace)
    {
        Emit(w, f, abi, typeNamespace, awaiting: false);
        if (!MayRunOnFiber(f)) return;
        w.Line();
        Emit(w, f, abi, typeNamespace, awaiting: true);
    }

    /// <summary>
    /// The call method; <paramref name="awaiting"/>: the form for a guest on a fiber, the same steps with the slots in an
    /// array and the call awaited (<c>CoreCall.InvokeAsync</c>), so that no thread is held while the guest waits.
    /// </summary>
    private static void Emit(CodeWriter w, FunctionModel f, AbiHelperEmitter abi, string typeNamespace, bool awaiting)
    {
        var paramTypes = f.Params.Select(p => p.Type).ToList();
        var flatParams = AbiLayout.Flatten(paramTypes);
        var flatResults = f.Result is null ? new List<CoreValueType>() : AbiLayout.Flatten(f.Result);
        var paramsInMemory = flatParams.Count > AbiLayout.MaxFlatParams;
        var resultInMemory = flatResults.Count > AbiLayout.MaxFlatResults;
        var coreParams = paramsInMemory ? 1 : flatParams.Count;
        var coreResults = f.Result is null ? 0 : resultInMemory ? 1 : flatResults.Count;
        var slots = Math.Max(1, Math.Max(coreParams, coreResults));
        var returnType = f.Result is null ? "void" : TypeNames.Cs(f.Result, typeNamespace);
        var parameters = string.Concat(f.Params.Select(p => $", {TypeNames.CsParameter(p.Type, typeNamespace)} {p.CsName}"));

        w.Line($"/// <summary>Calls export <c>{CodeWriter.Escape(f.CoreExport)}</c> of <c>{f.Id}</c>: <c>{CodeWriter.Escape(f.WitSignature)}</c>.</summary>");
        w.Line($"/// <remarks>Core signature: ({Describe(paramsInMemory ? new[] { CoreValueType.I32 } : flatParams)}) -> ({Describe(resultInMemory ? new[] { CoreValueType.I32 } : flatResults)}){(paramsInMemory ? "; parameters are passed in memory" : "")}{(resultInMemory ? "; the result comes back through a return pointer" : "")}.</remarks>");
        var signature = awaiting
            ? $"internal static async {(f.Result is null ? "global::System.Threading.Tasks.ValueTask" : $"global::System.Threading.Tasks.ValueTask<{returnType}>")} {f.CsName}Async({HostApi.CoreCall} call{parameters})"
            : $"internal static {returnType} {f.CsName}(ref {HostApi.CoreCall} call{parameters})";
        using (w.Open(signature))
        {
            w.Line("// One slot per core value: the arguments go in, the export's results replace them. Zeroed, so a value");
            w.Line("// narrower than its slot (an i32 in a slot a variant joins to i64) is the ABI's zero-extension.");
            if (awaiting)
            {
                w.Line($"var flat = new {Raw}[{slots}];");
            }
            else
            {
                w.Line($"global::System.Span<{Raw}> flat = stackalloc {Raw}[{slots}];");
                w.Line("flat.Clear();");
            }
            if (paramsInMemory)
            {
                var offsets = AbiLayout.FieldOffsets(paramTypes);
                var tuple = new TupleType(paramTypes.ToEquatableArray());
                w.Line($"// {flatParams.Count} flat parameters exceed {AbiLayout.MaxFlatParams}: they are stored as a tuple in guest memory.");
                w.Line($"var args = call.Alloc({AbiLayout.Alignment(tuple)}, {AbiLayout.Size(tuple)}, \"arguments\");");
                for (var i = 0; i < f.Params.Count; i++)
                {
                    var p = f.Params[i];
                    w.Line($"{abi.Store(p.Type)}(ref call, args + {offsets[i]}, {p.CsName}, \"{p.WitName}\");");
                }
                w.Line("flat[0].I32 = (int)args;");
            }
            else
            {
                var at = 0;
                foreach (var p in f.Params)
                {
                    w.Line($"{abi.LowerFlat(p.Type)}(ref call, {p.CsName}, flat, {at}, \"{p.WitName}\");");
                    at += AbiLayout.Flatten(p.Type).Count;
                }
            }
            w.Line(awaiting ? "await call.InvokeAsync(flat).ConfigureAwait(false);" : "call.Invoke(flat);");
            var slice = awaiting ? "flat.AsSpan" : "flat.Slice";
            if (f.Result is null)
            {
                w.Line($"call.PostReturn({slice}(0, 0));");
                return;
            }
            if (resultInMemory)
            {
                w.Line("var ret = (uint)flat[0].I32;");
                w.Line($"call.CheckRegion(ret, {AbiLayout.Size(f.Result)}, {AbiLayout.Alignment(f.Result)}, \"result\");");
                w.Line($"var result = {abi.Load(f.Result)}(ref call, ret, \"result\");");
            }
            else
            {
                w.Line($"var result = {abi.LiftFlat(f.Result)}(ref call, flat, 0, \"result\");");
            }
            w.Line("// The result is read: cabi_post_<export>, if the module has one, may free what the guest allocated for it.");
            w.Line($"call.PostReturn({slice}(0, {coreResults}));");
            w.Line("return result;");
        }
    }

    /// <summary>Core types as a signature spells them: <c>i32, i64</c>.</summary>
    internal static string Describe(IEnumerable<CoreValueType> types) => string.Join(", ", types).ToLowerInvariant();
}
