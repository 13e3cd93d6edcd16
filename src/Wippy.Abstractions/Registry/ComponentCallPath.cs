namespace Wippy.Registry;

/// <summary>How a component function entry is called (<c>call_path</c>, docs/registry.md#call-path).</summary>
public enum ComponentCallPath
{
    /// <summary>Not written: directly (core modules wired by the host) when the build can plan it, else through the component model.</summary>
    Auto,
    /// <summary><c>direct</c>: directly, and a build error when the build cannot plan the component.</summary>
    Direct,
    /// <summary><c>component-model</c>: through Wasmtime's component model, always.</summary>
    ComponentModel,
}
