using System.Security.Cryptography;
using Wippy.Host.GeneratedCode;
using Wippy.Host.HostInterfaces;

namespace Wippy.Host.WasiHost.Random;

/// <summary>wasi:random/random: cryptographically secure bytes (<see cref="RandomNumberGenerator"/>).</summary>
internal static class RandomInterface
{
    /// <summary>
    /// The most bytes one call returns. WIT allows a u64; the dynamic value API spends 32 bytes of host memory per
    /// byte, so a larger request traps instead of exhausting the host (wasi-libc asks for 256 at a time).
    /// </summary>
    public const ulong MaxBytes = 1 << 20;

    /// <summary>The interface.</summary>
    public static HostInterface Interface { get; } = new("wasi:random/random", [], new Dictionary<string, HostFunction>
    {
        ["get-random-bytes"] = (call, args, results) =>
        {
            var bytes = new byte[Length(args[0].AsU64())];
            RandomNumberGenerator.Fill(bytes);
            results[0] = call.Bytes(bytes);
        },
        ["get-random-u64"] = (_, _, results) =>
        {
            Span<byte> bytes = stackalloc byte[8];
            RandomNumberGenerator.Fill(bytes);
            results[0] = ComponentVal.U64(BitConverter.ToUInt64(bytes));
        },
    });

    /// <summary>The length asked for, checked against <see cref="MaxBytes"/>.</summary>
    /// <exception cref="HostResourceException">Too many bytes asked for: the call traps.</exception>
    public static int Length(ulong length) => length <= MaxBytes
        ? (int)length
        : throw new HostResourceException($"asked for {length} bytes; this host returns at most {MaxBytes} per call");
}
