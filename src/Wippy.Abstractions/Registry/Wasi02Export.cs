namespace Wippy.Registry;

/// <summary>Recognizes a standard WASI 0.2 export among a component's functions (<c>wasi:cli/run@0.2.0#run</c>).</summary>
public static class Wasi02Export
{
    /// <summary>
    /// Whether <paramref name="key"/>, a component function's full name, is <paramref name="function"/> of
    /// <paramref name="interfaceName"/> (<c>wasi:cli/run</c>), unversioned or at a 0.2.x version (the ABI this runtime serves).
    /// </summary>
    public static bool Is(string key, string interfaceName, string function)
    {
        var suffix = "#" + function;
        if (!key.StartsWith(interfaceName, StringComparison.Ordinal) || !key.EndsWith(suffix, StringComparison.Ordinal)) return false;
        var version = key.Substring(interfaceName.Length, key.Length - interfaceName.Length - suffix.Length);
        return version.Length == 0 || version.StartsWith("@0.2.", StringComparison.Ordinal);
    }
}
