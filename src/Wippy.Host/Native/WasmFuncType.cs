using Wippy.Host.GeneratedCode;
namespace Wippy.Host.Native;

/// <summary>
/// A function signature: parameter and result types. Two instances are equal when their lists are equal, so a
/// loader can compare an export's type with the one it expects.
/// </summary>
internal sealed class WasmFuncType : IEquatable<WasmFuncType>
{
    /// <summary>Creates a function type.</summary>
    /// <param name="parameters">The parameter types, in order.</param>
    /// <param name="results">The result types, in order.</param>
    public WasmFuncType(IReadOnlyList<WasmValKind> parameters, IReadOnlyList<WasmValKind> results)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(results);
        Params = parameters;
        Results = results;
    }

    /// <summary>The parameter types, in order.</summary>
    public IReadOnlyList<WasmValKind> Params { get; }

    /// <summary>The result types, in order.</summary>
    public IReadOnlyList<WasmValKind> Results { get; }

    /// <summary>
    /// The number of <see cref="ValueRaw"/> slots a call needs: max(params, results). Arguments and results
    /// share one buffer in <see cref="WasmFunction.CallUnchecked"/>.
    /// </summary>
    public int SlotCount => Math.Max(Params.Count, Results.Count);

    /// <inheritdoc/>
    public bool Equals(WasmFuncType? other) =>
        other is not null && Params.SequenceEqual(other.Params) && Results.SequenceEqual(other.Results);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as WasmFuncType);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (WasmValKind kind in Params)
        {
            hash.Add(kind);
        }

        hash.Add(-1);
        foreach (WasmValKind kind in Results)
        {
            hash.Add(kind);
        }

        return hash.ToHashCode();
    }

    /// <summary>The signature in WAT-like form, e.g. <c>(i32, i32) -&gt; (i32)</c>.</summary>
    /// <returns>The formatted signature.</returns>
    public override string ToString() =>
        $"({string.Join(", ", Params.Select(Format))}) -> ({string.Join(", ", Results.Select(Format))})";

    private static string Format(WasmValKind kind) => kind switch
    {
        WasmValKind.I32 => "i32",
        WasmValKind.I64 => "i64",
        WasmValKind.F32 => "f32",
        WasmValKind.F64 => "f64",
        WasmValKind.V128 => "v128",
        WasmValKind.FuncRef => "funcref",
        WasmValKind.ExternRef => "externref",
        WasmValKind.AnyRef => "anyref",
        WasmValKind.EqRef => "eqref",
        WasmValKind.I31Ref => "i31ref",
        WasmValKind.StructRef => "structref",
        WasmValKind.ArrayRef => "arrayref",
        WasmValKind.ExnRef => "exnref",
        WasmValKind.NullRef => "nullref",
        WasmValKind.NullFuncRef => "nullfuncref",
        WasmValKind.NullExternRef => "nullexternref",
        WasmValKind.NullExnRef => "nullexnref",
        _ => kind.ToString(),
    };
}
