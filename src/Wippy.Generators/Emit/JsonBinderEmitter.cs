using Wippy.Generators.Model;

namespace Wippy.Generators.Emit;

/// <summary>
/// Emits a namespace's JSON binders (<c>&lt;Class&gt;Json</c>, used by the command line's <c>call</c>): per function,
/// a method that reads the JSON arguments, calls the function and writes the result, then the per-type readers and
/// writers (<see cref="JsonHelperEmitter"/>).
/// </summary>
internal static class JsonBinderEmitter
{
    /// <summary>True when the namespace has a function to bind.</summary>
    public static bool HasContent(NamespaceModel ns) => ns.Functions.Count > 0;

    /// <summary>The binder class, which the registration's <c>InvokeJson</c> points at.</summary>
    public static string ClassName(NamespaceModel ns) => ns.CsClassName + "Json";

    public static void Emit(CodeWriter w, NamespaceModel ns)
    {
        var helpers = new JsonHelperEmitter(ns.CsNamespace);
        w.Line($"/// <summary>JSON binders of <c>{ns.RegistryNamespace}</c> (the command line's <c>call</c>): arguments in, result out.</summary>");
        w.Line(GeneratedCode.Attribute);
        using (w.Open($"internal static partial class {ClassName(ns)}"))
        {
            var first = true;
            foreach (var f in ns.Functions)
            {
                if (!first) w.Line();
                first = false;
                if (ResourceEmitter.RefusalOf(f, "as JSON") is { } refusal)
                {
                    w.Line($"/// <summary><c>{f.Id}</c> takes or returns a resource, which JSON cannot carry: refused.</summary>");
                    w.Line($"internal static void {f.CsName}({HostApi.WasmFunctionHandle} function, global::System.ReadOnlySpan<global::System.Text.Json.JsonElement> args, global::System.Text.Json.Utf8JsonWriter writer) => throw {refusal};");
                    w.Line();
                    w.Line($"internal static {HostApi.ValueTask} {f.CsName}Async({HostApi.WasmFunctionHandle} function, global::System.ReadOnlyMemory<global::System.Text.Json.JsonElement> args, global::System.Text.Json.Utf8JsonWriter writer, global::System.Threading.CancellationToken cancellationToken) =>");
                    w.Line($"    {HostApi.ValueTask}.FromException({refusal});");
                    continue;
                }
                w.Line($"/// <summary>Reads {f.Params.Count} JSON argument(s) for <c>{f.Id}</c>, calls it, writes the result.</summary>");
                using (w.Open($"internal static void {f.CsName}({HostApi.WasmFunctionHandle} function, global::System.ReadOnlySpan<global::System.Text.Json.JsonElement> args, global::System.Text.Json.Utf8JsonWriter writer)"))
                {
                    EmitReadArguments(w, f, helpers, "args");
                    EmitWriteResult(w, f, helpers, $"{ns.CsClassName}.Invoke{f.CsName}(function{string.Concat(f.Params.Select(p => ", " + p.CsName))})");
                }
                if (!ProxyEmitter.RunsOnFiberSometimes(f)) continue;
                w.Line();
                w.Line($"/// <summary>Like <see cref=\"{f.CsName}\"/>, awaiting the call: a guest on a fiber holds no thread while it waits.</summary>");
                using (w.Open($"internal static async {HostApi.ValueTask} {f.CsName}Async({HostApi.WasmFunctionHandle} function, global::System.ReadOnlyMemory<global::System.Text.Json.JsonElement> args, global::System.Text.Json.Utf8JsonWriter writer, global::System.Threading.CancellationToken cancellationToken)"))
                {
                    EmitReadArguments(w, f, helpers, "args.Span");
                    EmitWriteResult(w, f, helpers, $"await {ns.CsClassName}.Invoke{f.CsName}Async(function{string.Concat(f.Params.Select(p => ", " + p.CsName))}, cancellationToken).ConfigureAwait(false)");
                }
            }
            helpers.EmitAll(w);
        }
    }

    private static void EmitReadArguments(CodeWriter w, FunctionModel f, JsonHelperEmitter helpers, string args)
    {
        w.Line($"{HostApi.JsonValues}.ExpectArgumentCount({args}, {f.Params.Count}, {Literals.String(f.Id)}, {Literals.String(WitSpelling.Parameters(f.Params))});");
        foreach (var (p, i) in f.Params.Select((p, i) => (p, i)))
        {
            w.Line($"var {p.CsName} = {helpers.Read(p.Type)}({args}[{i}], {Literals.String(p.WitName)});");
        }
    }

    /// <summary>Makes the call <paramref name="call"/> and writes its result (null for none).</summary>
    private static void EmitWriteResult(CodeWriter w, FunctionModel f, JsonHelperEmitter helpers, string call)
    {
        if (f.Result is null)
        {
            w.Line(call + ";");
            w.Line("writer.WriteNullValue();");
        }
        else
        {
            w.Line($"{helpers.Write(f.Result)}(writer, {call});");
        }
    }
}
