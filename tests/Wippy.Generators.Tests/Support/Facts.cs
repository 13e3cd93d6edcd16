using Wippy.Diagnostics;
using Wippy.Modules;

namespace Wippy.Generators.Tests.Support;

/// <summary>Builds <c>wippy.modules.txt</c> as the build step writes it (through <see cref="ModuleFactsFile.Write"/>).</summary>
internal static class Facts
{
    /// <summary>Where the build step puts the file (under obj/), relative to the registry root.</summary>
    public const string RelativePath = "obj/wippy/" + ModuleFactsFile.FileName;

    public static (string RelativePath, string Text) File(IEnumerable<ModuleFacts> modules, params WippyDiagnostic[] diagnostics) =>
        (RelativePath, ModuleFactsFile.Write(modules, diagnostics));

    /// <summary>A core module of <paramref name="entryId"/> with the given exports.</summary>
    public static ModuleFacts Core(string entryId, params ModuleExportFact[] exports) =>
        new(entryId, ModuleBinaryKind.Core, new string('a', 64), exports);

    /// <summary>A function export: <c>Func("compute", "i32,i32", "i32")</c>.</summary>
    public static ModuleExportFact Func(string name, string parameters, string results) =>
        new(name, "func", Split(parameters), Split(results));

    public static ModuleExportFact Memory { get; } = new("memory", "memory", Array.Empty<string>(), Array.Empty<string>());

    public static ModuleExportFact Realloc { get; } = Func("cabi_realloc", "i32,i32,i32,i32", "i32");

    private static string[] Split(string list) => list.Length == 0 ? Array.Empty<string>() : list.Split(',');
}
