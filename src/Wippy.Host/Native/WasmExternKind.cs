namespace Wippy.Host.Native;

/// <summary>What an import or export is (the values of <c>wasm_externkind_t</c>).</summary>
internal enum WasmExternKind : byte
{
    /// <summary>A function.</summary>
    Func = 0,

    /// <summary>A global.</summary>
    Global = 1,

    /// <summary>A table.</summary>
    Table = 2,

    /// <summary>A linear memory.</summary>
    Memory = 3,

    /// <summary>An exception tag.</summary>
    Tag = 4,
}
