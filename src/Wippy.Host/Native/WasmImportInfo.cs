namespace Wippy.Host.Native;

/// <summary>One import a module requires, as declared by the module.</summary>
internal sealed class WasmImportInfo
{
    /// <summary>Creates an import description.</summary>
    /// <param name="module">The import's module name (the first string of <c>(import "m" "n" …)</c>).</param>
    /// <param name="name">The import's item name.</param>
    /// <param name="kind">What is imported.</param>
    /// <param name="functionType">The signature when <paramref name="kind"/> is <see cref="WasmExternKind.Func"/>.</param>
    public WasmImportInfo(string module, string name, WasmExternKind kind, WasmFuncType? functionType)
    {
        Module = module;
        Name = name;
        Kind = kind;
        FunctionType = functionType;
    }

    /// <summary>The import's module name.</summary>
    public string Module { get; }

    /// <summary>The import's item name.</summary>
    public string Name { get; }

    /// <summary>What is imported.</summary>
    public WasmExternKind Kind { get; }

    /// <summary>The signature for a function import; null for other kinds.</summary>
    public WasmFuncType? FunctionType { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        FunctionType is null ? $"{Module}.{Name} ({Kind})" : $"{Module}.{Name} (func {FunctionType})";
}
