using Wippy.Generators.Model;
using Wippy.Generators.Pipeline.Signatures;
using Wippy.Modules;
using Wippy.Registry;
using Wippy.Wit;

namespace Wippy.Generators.Pipeline.Entries;

/// <summary>
/// The model of a function.lua entry: its source (a <c>file://</c> source is read now and embedded in the app), its
/// function and modules, its pool, and, when it has <c>wit:</c>, the signature of its typed proxy.
/// </summary>
internal sealed class LuaFunctionModelBuilder(GeneratorInputs inputs, ModelDiagnostics diagnostics)
{
    private readonly WitBlockSignatureBuilder _block = new(diagnostics);

    /// <summary>The model, or null when the entry lacks a source or method (reported by the registry parser) or has a problem reported here.</summary>
    public LuaFunctionModel? Build(LuaFunctionEntry lua)
    {
        if (lua.Source is null || lua.Method is null) return null;
        var text = lua.Source.Value;
        string? file = null;
        if (lua.Source.IsFileReference)
        {
            text = inputs.FindText(lua.Source.ResolvedPath!);
            if (text is null)
            {
                diagnostics.Report(ModuleDiagnosticIds.ModuleFileNotFound, lua.Source.Position,
                    $"entry '{lua.Id}': the Lua file '{lua.Source.FileReference}' was not found next to {System.IO.Path.GetFileName(lua.FilePath)}; create it or fix the path (file:// paths are relative to the YAML file)");
                return null;
            }
            file = inputs.RelativePath(lua.Source.ResolvedPath!);
        }
        Signature? signature = null;
        if (lua.Wit is not null && (signature = BuildSignature(lua, lua.Wit)) is null) return null;
        return new LuaFunctionModel(lua.Id, text ?? "", file, lua.Method, lua.Modules.Select(m => m.Name).ToEquatableArray(),
            EntryParts.Pool(lua.Pool), lua.Limits.MaxExecutionMs, inputs.DeclaredAt(lua.Position))
        {
            CsName = CsNaming.EntryMethod(lua.Name, lua.Namespace),
            Signature = signature,
            MaxMemoryBytes = lua.Limits.MaxMemoryBytes,
            MaxRetainedMemoryBytes = lua.Limits.MaxRetainedMemoryBytes,
        };
    }

    /// <summary>
    /// The signature a function.lua's <c>wit:</c> declares: a block of function signatures (inline or <c>file://</c>),
    /// holding the method's name with <c>_</c> written <c>-</c> (<c>lua_pipeline</c> → <c>lua-pipeline</c>).
    /// </summary>
    private Signature? BuildSignature(LuaFunctionEntry lua, RegistryText wit)
    {
        WitParseResult parsed;
        if (wit.IsFileReference)
        {
            var witFile = inputs.FindWit(wit.ResolvedPath!);
            if (witFile is null)
            {
                diagnostics.Report(ModuleDiagnosticIds.ModuleFileNotFound, wit.Position,
                    $"entry '{lua.Id}': the WIT file '{wit.FileReference}' was not found; create it or fix the path (file:// paths are relative to the YAML file)");
                return null;
            }
            parsed = witFile.Signatures;
        }
        else
        {
            parsed = WitParser.ParseSignatures(wit.Value ?? "", wit.Position.FilePath, wit.ContentLine, wit.ContentColumnOffset);
        }
        return _block.Build(lua.Id, parsed, lua.Method!.Replace('_', '-'), wit.Position);
    }
}
