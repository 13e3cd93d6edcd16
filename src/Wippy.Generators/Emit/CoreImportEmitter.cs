using Wippy.Generators.Abi;
using Wippy.Generators.Model;

namespace Wippy.Generators.Emit;

/// <summary>
/// Emits, per imported function a planned component calls, the core adapter the guest's lowered import runs: it lifts
/// the arguments from the core slots (or, past 16 flat values, from the tuple the guest stored in its memory), calls the
/// app's implementation, and lowers the result into slot 0 (or, past one flat value, at the return pointer the guest
/// passed last). This is the Canonical ABI's <c>canon lower</c> done by generated code, the mirror of
/// <see cref="CoreCallEmitter"/>; it reuses the same per-type helpers.
/// </summary>
internal static class CoreImportEmitter
{
    private const string Raw = HostApi.ValueRaw;

    /// <summary>The adapter of the synchronous implementation.</summary>
    public static string AdapterName(ImportInterfaceModel iface, ImportFunctionModel f) => "Import" + iface.CsName.Substring(1) + "_" + f.CsName;

    /// <summary>The adapter of the awaiting implementation.</summary>
    public static string AsyncAdapterName(ImportInterfaceModel iface, ImportFunctionModel f) => "Import" + iface.AsyncCsName.Substring(1) + "_" + f.CsName;

    public static void Emit(CodeWriter w, ImportInterfaceModel iface, ImportFunctionModel f, AbiHelperEmitter abi, string typeNamespace, bool awaiting)
    {
        var paramTypes = f.Params.Select(p => p.Type).ToList();
        var flatParams = AbiLayout.Flatten(paramTypes);
        var flatResults = f.Result is null ? new List<CoreValueType>() : AbiLayout.Flatten(f.Result);
        var paramsInMemory = flatParams.Count > AbiLayout.MaxFlatParams;
        var resultInMemory = flatResults.Count > AbiLayout.MaxFlatResults;
        var coreParams = paramsInMemory ? new List<CoreValueType> { CoreValueType.I32 } : flatParams.ToList();
        if (resultInMemory) coreParams.Add(CoreValueType.I32);
        var coreResults = resultInMemory ? new List<CoreValueType>() : flatResults.ToList();
        var implementation = $"global::{typeNamespace}.{(awaiting ? iface.AsyncCsName : iface.CsName)}";

        w.Line($"/// <summary>The lowered import <c>{CodeWriter.Escape(f.Instance)}#{f.WitName}</c> on {(awaiting ? "an awaiting" : "an")} implementation: <c>{CodeWriter.Escape(f.WitSignature)}</c>.</summary>");
        w.Line($"/// <remarks>Core signature: ({CoreCallEmitter.Describe(coreParams)}) -> ({CoreCallEmitter.Describe(coreResults)}){(paramsInMemory ? "; the arguments are a tuple in guest memory" : "")}{(resultInMemory ? "; the result is written at the return pointer, the last argument" : "")}.</remarks>");
        using (w.Open($"internal static void {(awaiting ? AsyncAdapterName(iface, f) : AdapterName(iface, f))}({implementation} implementation, ref {HostApi.CoreCall} frame, global::System.Span<{Raw}> slots)"))
        {
            if (paramsInMemory)
            {
                var offsets = AbiLayout.FieldOffsets(paramTypes);
                var tuple = new TupleType(paramTypes.ToEquatableArray());
                w.Line($"// {flatParams.Count} flat parameters exceed {AbiLayout.MaxFlatParams}: the guest stored them as a tuple in its memory.");
                w.Line("var args = (uint)slots[0].I32;");
                w.Line($"frame.CheckRegion(args, {AbiLayout.Size(tuple)}, {AbiLayout.Alignment(tuple)}, \"arguments\");");
                for (var i = 0; i < f.Params.Count; i++)
                {
                    var p = f.Params[i];
                    w.Line($"var {p.CsName} = {abi.Load(p.Type)}(ref frame, args + {offsets[i]}, \"{p.WitName}\");");
                }
            }
            else
            {
                var at = 0;
                foreach (var p in f.Params)
                {
                    w.Line($"var {p.CsName} = {abi.LiftFlat(p.Type)}(ref frame, slots, {at}, \"{p.WitName}\");");
                    at += AbiLayout.Flatten(p.Type).Count;
                }
            }
            if (resultInMemory && !awaiting) w.Line($"var ret = (uint)slots[{coreParams.Count - 1}].I32;");

            var arguments = f.Params.Select(p => p.CsName).ToList();
            if (awaiting) arguments.Add("frame.ImportToken");
            var invoke = $"implementation.{f.CsName}{(awaiting ? "Async" : "")}({string.Join(", ", arguments)})";
            if (awaiting)
            {
                // The operation goes to the frame: written now when complete; on a fiber the guest is suspended until it is.
                var operation = f.Result is null ? "global::System.Threading.Tasks.ValueTask" : $"global::System.Threading.Tasks.ValueTask<{TypeNames.Cs(f.Result, typeNamespace)}>";
                w.Line($"{operation} operation;");
                w.Line("// What the implementation throws is its failure; errors after this are about the values it gave.");
                using (w.Open("try")) w.Line($"operation = {invoke};");
                using (w.Open("catch (global::System.Exception exception)")) w.Line("throw frame.ImportFailed(exception);");
                w.Line(f.Result is null ? "frame.Await(operation);" : $"frame.Await(operation, slots, {AsyncAdapterName(iface, f)}_Result);");
            }
            else
            {
                if (f.Result is not null) w.Line($"{TypeNames.Cs(f.Result, typeNamespace)} result;");
                w.Line("// What the implementation throws is its failure; errors after this are about the values it gave.");
                using (w.Open("try"))
                {
                    w.Line(f.Result is null ? invoke + ";" : $"result = {invoke};");
                }
                using (w.Open("catch (global::System.Exception exception)"))
                {
                    w.Line("throw frame.ImportFailed(exception);");
                }
                if (f.Result is not null) EmitResult(w, f, abi, resultInMemory, coreParams.Count, readReturnPointer: false);
            }
        }
        if (!awaiting || f.Result is null) return;
        w.Line();
        w.Line($"/// <summary>Writes the value of <c>{CodeWriter.Escape(f.Instance)}#{f.WitName}</c>'s operation into the guest's results, once it completed.</summary>");
        using (w.Open($"internal static void {AsyncAdapterName(iface, f)}_Result(ref {HostApi.CoreCall} frame, global::System.Span<{Raw}> slots, {TypeNames.Cs(f.Result, typeNamespace)} result)"))
        {
            EmitResult(w, f, abi, resultInMemory, coreParams.Count, readReturnPointer: true);
        }
    }

    /// <summary>Lowers <c>result</c> into slot 0, or stores it at the return pointer <c>ret</c> (read from the last slot when <paramref name="readReturnPointer"/>).</summary>
    private static void EmitResult(CodeWriter w, ImportFunctionModel f, AbiHelperEmitter abi, bool resultInMemory, int coreParamCount, bool readReturnPointer)
    {
        if (resultInMemory)
        {
            if (readReturnPointer) w.Line($"var ret = (uint)slots[{coreParamCount - 1}].I32;");
            w.Line($"frame.CheckRegion(ret, {AbiLayout.Size(f.Result!)}, {AbiLayout.Alignment(f.Result!)}, \"result\");");
            w.Line($"{abi.Store(f.Result!)}(ref frame, ret, result, \"result\");");
        }
        else
        {
            w.Line("slots[0] = default; // a value narrower than its slot is zero-extended");
            w.Line($"{abi.LowerFlat(f.Result!)}(ref frame, result, slots, 0, \"result\");");
        }
    }
}
