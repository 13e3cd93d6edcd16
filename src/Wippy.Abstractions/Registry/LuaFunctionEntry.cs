namespace Wippy.Registry;

/// <summary>
/// A Lua 5.4 function (<c>function.lua</c>): the chunk in <see cref="Source"/> (inline Lua or a <c>file://</c> file)
/// defines the function named by <see cref="Method"/>; it may <c>require</c> only the <see cref="Modules"/> listed.
/// </summary>
/// <remarks>
/// A separate type from <see cref="FunctionEntry"/> on purpose: code that walks <c>OfType&lt;FunctionEntry&gt;()</c>
/// handles WASM modules (compiles WAT, reads binaries, checks exports), which a Lua function is not. The WASM-only
/// fields (<c>fs</c>, <c>path</c>, <c>hash</c>, <c>wit</c>, <c>imports</c>, <c>wasi</c>, <c>transport</c>) are
/// reported as unknown fields on a function.lua. <c>limits</c> accepts the three fields of a WASM function's, about the
/// Lua state instead of linear memory.
/// </remarks>
public sealed class LuaFunctionEntry : RegistryEntry
{
    /// <summary>
    /// <c>source</c>: inline Lua (<see cref="RegistryText.Value"/>, with <see cref="RegistryText.MapPosition"/> to map
    /// a Lua error to the YAML), or a <c>file://</c> reference (<see cref="RegistryText.FileReference"/> as written,
    /// <see cref="RegistryText.ResolvedPath"/> taken from the YAML file's directory; the file is not read nor checked
    /// here). <see langword="null"/> only when missing or invalid (an error was reported).
    /// </summary>
    public RegistryText? Source { get; init; }

    /// <summary><c>method</c>: the Lua function to call, a Lua identifier such as <c>handler</c>; <see langword="null"/> only when missing (an error was reported).</summary>
    public string? Method { get; init; }

    /// <summary><c>modules</c>: the modules the function may <c>require</c>, in file order, valid names only, without duplicates (empty when absent).</summary>
    public IReadOnlyList<LuaModule> Modules { get; init; } = Array.Empty<LuaModule>();

    /// <summary>
    /// <c>wit</c>: a signature block (inline or <c>file://</c>) declaring the function's WIT type, so C# gets a typed proxy;
    /// the function is looked up by <see cref="Method"/> with <c>_</c> written <c>-</c>. Null: C# calls it with JSON values.
    /// </summary>
    public RegistryText? Wit { get; init; }

    /// <summary>The effective pool (<see cref="PoolConfig.Default"/> when there is no <c>pool</c> block), read with the same rules as a WASM function's.</summary>
    public PoolConfig Pool { get; init; } = PoolConfig.Default;

    /// <summary>
    /// <c>limits</c> (<see cref="LimitsConfig.None"/> when absent): <see cref="LimitsConfig.MaxExecutionMs"/> stops a
    /// call; <see cref="LimitsConfig.MaxMemoryBytes"/> caps what one Lua state may allocate;
    /// <see cref="LimitsConfig.MaxRetainedMemoryBytes"/> is the most a state may hold after a call and still be kept warm.
    /// </summary>
    public LimitsConfig Limits { get; init; } = LimitsConfig.None;
}
