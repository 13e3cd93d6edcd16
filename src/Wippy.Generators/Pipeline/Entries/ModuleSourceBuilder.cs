using Wippy.Generators.Model;
using Wippy.Modules;
using Wippy.Registry;

namespace Wippy.Generators.Pipeline.Entries;

/// <summary>
/// Where a function's module comes from: inline WAT, a <c>file://x.wat</c> (read now and embedded in the app), or a
/// binary in an fs entry (read at run time and checked against <c>hash</c>).
/// </summary>
internal sealed class ModuleSourceBuilder(GeneratorInputs inputs, ModelDiagnostics diagnostics)
{
    /// <summary>The source, or null when the entry lacks one (reported by the registry parser) or its WAT file is missing (reported here).</summary>
    public ModuleSourceModel? Build(FunctionEntry f)
    {
        if (f.IsWat)
        {
            if (f.Source is null) return null;
            if (!f.Source.IsFileReference) return new ModuleSourceModel(ModuleSourceKind.InlineWat, f.Source.Value ?? "", null, null, null);
            var text = inputs.FindText(f.Source.ResolvedPath!);
            if (text is null)
            {
                diagnostics.Report(ModuleDiagnosticIds.ModuleFileNotFound, f.Source.Position,
                    $"entry '{f.Id}': the WAT file '{f.Source.FileReference}' was not found next to {System.IO.Path.GetFileName(f.FilePath)}; create it or fix the path (file:// paths are relative to the YAML file)");
                return null;
            }
            return new ModuleSourceModel(ModuleSourceKind.WatFile, text, null, inputs.RelativePath(f.Source.ResolvedPath!), null);
        }
        if (f.Fs is null || f.Path is null || f.Hash is null) return null;
        return new ModuleSourceModel(ModuleSourceKind.FsBinary, null, f.Fs.Id, f.Path, f.Hash.Raw);
    }
}
