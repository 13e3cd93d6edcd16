namespace Wippy.Generators.Abi;

/// <summary>The four core WebAssembly value types that the Canonical ABI flattens values into.</summary>
internal enum CoreValueType
{
    I32,
    I64,
    F32,
    F64,
}
