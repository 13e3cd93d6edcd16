using Wippy.Generators.Model;

namespace Wippy.Generators.Abi;

/// <summary>
/// The core WebAssembly type a WIT signature lowers to (Canonical ABI): its flattened parameters, or one i32 pointer
/// when they exceed <see cref="AbiLayout.MaxFlatParams"/> (the arguments then go through memory); its flattened
/// result, or one i32 return pointer when it exceeds <see cref="AbiLayout.MaxFlatResults"/>. The build checks an
/// export against it, the registration hands it to the host for the load-time check, and the core call follows it.
/// </summary>
internal static class CoreSignature
{
    /// <summary>The core parameter types.</summary>
    public static IReadOnlyList<CoreValueType> Params(IEnumerable<ParamModel> parameters)
    {
        var flat = AbiLayout.Flatten(parameters.Select(p => p.Type));
        return flat.Count > AbiLayout.MaxFlatParams ? new[] { CoreValueType.I32 } : flat;
    }

    /// <summary>The core result types (none for a function without a result).</summary>
    public static IReadOnlyList<CoreValueType> Results(TypeModel? result)
    {
        if (result is null) return Array.Empty<CoreValueType>();
        var flat = AbiLayout.Flatten(result);
        return flat.Count > AbiLayout.MaxFlatResults ? new[] { CoreValueType.I32 } : flat;
    }

    /// <summary>True when the parameters go through guest memory (more than 16 flat values).</summary>
    public static bool ParamsInMemory(IEnumerable<ParamModel> parameters) =>
        AbiLayout.Flatten(parameters.Select(p => p.Type)).Count > AbiLayout.MaxFlatParams;

    /// <summary>True when the result comes back through a return pointer (more than one flat value).</summary>
    public static bool ResultInMemory(TypeModel? result) =>
        result is not null && AbiLayout.Flatten(result).Count > AbiLayout.MaxFlatResults;

    /// <summary>The WAT spelling of core types, as the build step records an export's type: <c>i32</c>, <c>f64</c>.</summary>
    public static string Name(CoreValueType type) => type.ToString().ToLowerInvariant();
}
