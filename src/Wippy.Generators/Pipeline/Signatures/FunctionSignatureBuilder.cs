using Wippy.Generators.Model;
using Wippy.Modules;
using Wippy.Registry;
using Wippy.Wit;

namespace Wippy.Generators.Pipeline.Signatures;

/// <summary>
/// Chooses where a function entry's signature comes from and asks the builder of that source: its <c>wit:</c> (a
/// signature block or a WIT package, inline or <c>file://</c>), else the WIT its component carries, else the core type
/// of its export.
/// </summary>
internal sealed class FunctionSignatureBuilder
{
    private readonly GeneratorInputs _inputs;
    private readonly ModelDiagnostics _diagnostics;
    private readonly WitBlockSignatureBuilder _block;
    private readonly WitPackageSignatureBuilder _package;
    private readonly ComponentSignatureBuilder _component;
    private readonly CoreTypeSignatureBuilder _core;

    public FunctionSignatureBuilder(GeneratorInputs inputs, ModelDiagnostics diagnostics)
    {
        _inputs = inputs;
        _diagnostics = diagnostics;
        _block = new WitBlockSignatureBuilder(diagnostics);
        _package = new WitPackageSignatureBuilder(diagnostics);
        _component = new ComponentSignatureBuilder(diagnostics);
        _core = new CoreTypeSignatureBuilder(diagnostics);
    }

    /// <summary>The signature, or null after reporting why there is none.</summary>
    /// <param name="f">The entry (its <c>method</c> is set).</param>
    /// <param name="component">The component function the build step found, or null for a core module.</param>
    /// <param name="export">The core export the call runs, or null.</param>
    public Signature? Build(FunctionEntry f, ComponentFunctionFact? component, ModuleExportFact? export) =>
        f.Wit is not null ? FromWit(f, f.Wit)
        : component is not null ? _component.Build(f, component)
        : _core.Build(f, export, _inputs.FactsRefused);

    private Signature? FromWit(FunctionEntry f, RegistryText wit)
    {
        var functionName = WitFunctionMapping.FunctionName(f.Method!);
        if (wit.IsFileReference)
        {
            var file = _inputs.FindWit(wit.ResolvedPath!);
            if (file is null)
            {
                var directoryFiles = _inputs.FindWitFilesUnder(wit.ResolvedPath!);
                if (directoryFiles.Count > 0) return _package.FromDirectory(f, directoryFiles, wit.ResolvedPath!);
                _diagnostics.Report(ModuleDiagnosticIds.ModuleFileNotFound, wit.Position,
                    $"entry '{f.Id}': the WIT file or directory '{wit.FileReference}' was not found; create it or fix the path (file:// paths are relative to the YAML file; a directory holds a package's .wit files and its deps/)");
                return null;
            }
            return file.IsPackage
                ? _package.FromDocuments(f, new[] { file.Document }, 1)
                : _block.Build(f.Id, file.Signatures, functionName, wit.Position);
        }
        // Inline text: positions in it are mapped back to the YAML block it was written in.
        var text = wit.Value ?? "";
        var whole = WitParser.Parse(text, wit.Position.FilePath, wit.ContentLine, wit.ContentColumnOffset);
        if (whole.Document is not null && WitPackageText.IsPackage(whole.Document))
        {
            return _package.FromDocuments(f, new[] { whole }, 1);
        }
        return _block.Build(f.Id, WitParser.ParseSignatures(text, wit.Position.FilePath, wit.ContentLine, wit.ContentColumnOffset), functionName, wit.Position);
    }
}
