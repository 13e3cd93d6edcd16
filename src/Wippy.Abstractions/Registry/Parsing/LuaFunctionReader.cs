using YamlDotNet.RepresentationModel;

namespace Wippy.Registry;

/// <summary>Reads the fields of a <c>function.lua</c> entry: <c>source</c>*, <c>method</c>*, <c>modules</c>, <c>pool</c>, <c>limits</c>.</summary>
internal static class LuaFunctionReader
{
    // The WASM-only fields (fs, path, hash, wit, imports, wasi, transport) are left out on purpose, so they get the
    // unknown-field warning that lists these.
    private static readonly string[] Known = { "name", "kind", "meta", "source", "method", "wit", "modules", "pool", "limits" };

    // A Lua call can have a time limit, and its Lua state a memory limit and a size past which it is not kept warm.
    private static readonly string[] KnownLimits = { "max_execution_ms", "max_memory_bytes", "max_retained_memory_bytes" };

    private const string ModulesHint = "\"modules: [json, funcs]\" (the modules the function may require)";

    public static LuaFunctionEntry Read(FieldReader entry, EntryHeader header)
    {
        entry.ReportUnknown(Known, header.Kind);
        var source = RegistryTextReader.Read(
            entry, "source", "\"source: file://handler.lua\" or an inline \"source: |\" block of Lua", required: true, fileExample: "handler.lua");
        return new LuaFunctionEntry
        {
            Source = source,
            Method = ReadMethod(entry),
            Wit = RegistryTextReader.Read(entry, "wit",
                "\"wit: file://handler.wit\" or a \"wit: |\" block such as handler: func(name: string) -> string; (the method with '_' written '-')", required: false),
            Modules = ReadModules(entry),
            Pool = PoolReader.Read(entry),
            Limits = LimitsReader.Read(entry, KnownLimits, "limits of a function.lua"),
        };
    }

    private static string? ReadMethod(FieldReader entry)
    {
        var method = entry.String("method", "\"method: handler\" (the Lua function to call)", required: true);
        if (method is null || LuaNames.IsIdentifier(method))
        {
            return method;
        }

        var why = LuaNames.IsKeyword(method) ? $"'{method}' is a Lua keyword" : $"'{method}' is not a Lua identifier";
        entry.Context.Report(
            RegistryDiagnosticIds.InvalidMethod,
            $"{entry.Owner}: 'method' must name a Lua function ({why}); write \"method: {LuaNames.SuggestIdentifier(method)}\" (letters, digits and _, not starting with a digit) and define that function in the source",
            entry.PositionOf("method"));
        return method;
    }

    private static IReadOnlyList<LuaModule> ReadModules(FieldReader entry)
    {
        var list = entry.List("modules", ModulesHint);
        if (list is null)
        {
            return Array.Empty<LuaModule>();
        }

        var ctx = entry.Context;
        var result = new List<LuaModule>();
        foreach (var (name, path, position) in entry.TextItems(list, "modules", "\"- json\""))
        {
            if (!LuaNames.IsModuleName(name))
            {
                var what = name.Trim().Length == 0 ? "is empty" : $"is not a valid module name ('{name}')";
                ctx.Report(
                    RegistryDiagnosticIds.InvalidModuleName,
                    $"{entry.Owner}: '{path}' {what}; use letters, digits and '_', segments separated by '.', e.g. \"- {LuaNames.SuggestModuleName(name)}\"",
                    position);
                continue;
            }

            if (Find(result, name) is { } first)
            {
                ctx.Report(
                    RegistryDiagnosticIds.DuplicateModule,
                    $"{entry.Owner}: module '{name}' is already listed (line {first.Position.Line}); remove this one",
                    position);
                continue;
            }

            result.Add(new LuaModule(name, position));
        }

        return result;
    }

    private static LuaModule? Find(List<LuaModule> modules, string name)
    {
        foreach (var module in modules)
        {
            if (string.Equals(module.Name, name, StringComparison.Ordinal))
            {
                return module;
            }
        }

        return null;
    }
}
