using System.Buffers.Binary;

namespace Wippy.Host.Native;

/// <summary>
/// Reads the 8-byte preamble of a WebAssembly binary: the magic <c>\0asm</c>, then a 16-bit version and a
/// 16-bit layer (little-endian). A core module is version 1, layer 0; a component is layer 1 (its version is
/// pre-standard and changes, so only the layer is checked).
/// </summary>
internal static class WasmBinaryHeader
{
    /// <summary>The length of the preamble.</summary>
    public const int Length = 8;

    /// <summary>True when <paramref name="bytes"/> starts with the <c>\0asm</c> magic.</summary>
    /// <param name="bytes">The binary, or at least its first bytes.</param>
    /// <returns>Whether the magic is present.</returns>
    public static bool HasMagic(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 4 && bytes[0] == 0x00 && bytes[1] == (byte)'a' && bytes[2] == (byte)'s' && bytes[3] == (byte)'m';

    /// <summary>True when <paramref name="bytes"/> is a core module binary (magic, version 1, layer 0).</summary>
    /// <param name="bytes">The binary, or at least its first 8 bytes.</param>
    /// <returns>Whether the header is a core module's.</returns>
    public static bool IsCoreModule(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= Length && HasMagic(bytes)
        && BinaryPrimitives.ReadUInt16LittleEndian(bytes[4..]) == 1
        && BinaryPrimitives.ReadUInt16LittleEndian(bytes[6..]) == 0;

    /// <summary>True when <paramref name="bytes"/> is a component binary (magic, layer 1).</summary>
    /// <param name="bytes">The binary, or at least its first 8 bytes.</param>
    /// <returns>Whether the header is a component's.</returns>
    public static bool IsComponent(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= Length && HasMagic(bytes) && BinaryPrimitives.ReadUInt16LittleEndian(bytes[6..]) == 1;
}
