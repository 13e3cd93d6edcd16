namespace Wippy.Host.Native;

/// <summary>One export of a module, as declared by the module (no instance needed).</summary>
internal sealed class WasmExportInfo
{
    /// <summary>Creates an export description.</summary>
    /// <param name="name">The export name.</param>
    /// <param name="kind">What is exported.</param>
    /// <param name="functionType">The signature when <paramref name="kind"/> is <see cref="WasmExternKind.Func"/>.</param>
    public WasmExportInfo(string name, WasmExternKind kind, WasmFuncType? functionType)
    {
        Name = name;
        Kind = kind;
        FunctionType = functionType;
    }

    /// <summary>The export name.</summary>
    public string Name { get; }

    /// <summary>What is exported.</summary>
    public WasmExternKind Kind { get; }

    /// <summary>The signature for a function export; null for other kinds.</summary>
    public WasmFuncType? FunctionType { get; }

    /// <inheritdoc/>
    public override string ToString() => FunctionType is null ? $"{Name} ({Kind})" : $"{Name} (func {FunctionType})";
}
