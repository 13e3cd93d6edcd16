namespace Wippy.Generators.Emit;

/// <summary>
/// The <c>[GeneratedCode]</c> attribute every emitted class, record, enum, interface and struct carries, so tools
/// (coverage, analyzers, debuggers) can tell generated code from the app's own.
/// </summary>
internal static class GeneratedCode
{
    /// <summary>The generator assembly's version: its AssemblyVersion, fixed by the build, so the output is the same on every machine.</summary>
    public static string Version { get; } = typeof(GeneratedCode).Assembly.GetName().Version?.ToString() ?? "0.0.0.0";

    /// <summary>The attribute line, written just before each type declaration.</summary>
    public static string Attribute { get; } = $"[global::System.CodeDom.Compiler.GeneratedCode(\"Wippy.Generators\", \"{Version}\")]";
}
