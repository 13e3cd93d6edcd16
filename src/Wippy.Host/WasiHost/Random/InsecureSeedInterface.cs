using System.Security.Cryptography;
using Wippy.Host.GeneratedCode;
using Wippy.Host.HostInterfaces;

namespace Wippy.Host.WasiHost.Random;

/// <summary>
/// wasi:random/insecure-seed: a 128-bit seed for hash-map DoS protection. The interface asks for the same value on
/// every call; it is drawn once per process.
/// </summary>
internal static class InsecureSeedInterface
{
    private static readonly (ulong First, ulong Second) Seed = Draw();

    /// <summary>The interface.</summary>
    public static HostInterface Interface { get; } = new("wasi:random/insecure-seed", [], new Dictionary<string, HostFunction>
    {
        ["insecure-seed"] = (_, _, results) =>
        {
            var tuple = ComponentVal.OwnedTuple(2);
            ComponentVal.SetItem(ref tuple, 0, ComponentVal.U64(Seed.First));
            ComponentVal.SetItem(ref tuple, 1, ComponentVal.U64(Seed.Second));
            results[0] = tuple;
        },
    });

    private static (ulong, ulong) Draw()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return (BitConverter.ToUInt64(bytes), BitConverter.ToUInt64(bytes[8..]));
    }
}
