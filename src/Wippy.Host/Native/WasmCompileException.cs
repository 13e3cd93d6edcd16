using System.Globalization;
using System.Text.RegularExpressions;

namespace Wippy.Host.Native;

/// <summary>
/// A module failed to parse (WAT), validate or compile. <see cref="Exception.Message"/> is Wasmtime's full
/// message; the position it names, when there is one, is parsed into <see cref="Line"/>/<see cref="Column"/>
/// (WAT text, from <c>--&gt; &lt;anon&gt;:LINE:COL</c>) or <see cref="Offset"/> (binary, from <c>at offset …</c>).
/// </summary>
internal sealed partial class WasmCompileException : WasmtimeException
{
    /// <summary>Creates the exception from Wasmtime's message, parsing the position out of it.</summary>
    /// <param name="message">Wasmtime's full error message.</param>
    public WasmCompileException(string message)
        : base(message)
    {
        Match text = TextPosition().Match(message);
        if (text.Success)
        {
            Line = int.Parse(text.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
            Column = int.Parse(text.Groups[2].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        // Wasmtime prints both "(at offset 0x8)" (parser) and "at offset 26" (validator).
        Match binary = BinaryOffset().Match(message);
        if (binary.Success)
        {
            Offset = binary.Groups[1].Success
                ? long.Parse(binary.Groups[1].ValueSpan, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)
                : long.Parse(binary.Groups[2].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The 1-based line in the WAT text where parsing failed, when Wasmtime reported one.</summary>
    public int? Line { get; }

    /// <summary>The 1-based column in the WAT text where parsing failed, when Wasmtime reported one.</summary>
    public int? Column { get; }

    /// <summary>The byte offset in the binary where validation failed, when Wasmtime reported one.</summary>
    public long? Offset { get; }

    [GeneratedRegex(@"-->\s*<anon>:(\d+):(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex TextPosition();

    [GeneratedRegex(@"at offset (?:0x([0-9a-fA-F]+)|(\d+))", RegexOptions.CultureInvariant)]
    private static partial Regex BinaryOffset();
}
