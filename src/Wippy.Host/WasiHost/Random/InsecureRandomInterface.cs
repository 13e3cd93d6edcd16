using Wippy.Host.GeneratedCode;
using Wippy.Host.HostInterfaces;

namespace Wippy.Host.WasiHost.Random;

/// <summary>wasi:random/insecure: fast, not secure (<see cref="System.Random.Shared"/>).</summary>
internal static class InsecureRandomInterface
{
    /// <summary>The interface.</summary>
    public static HostInterface Interface { get; } = new("wasi:random/insecure", [], new Dictionary<string, HostFunction>
    {
        ["get-insecure-random-bytes"] = (call, args, results) =>
        {
            var bytes = new byte[RandomInterface.Length(args[0].AsU64())];
            System.Random.Shared.NextBytes(bytes);
            results[0] = call.Bytes(bytes);
        },
        ["get-insecure-random-u64"] = (_, _, results) => results[0] = ComponentVal.U64((ulong)System.Random.Shared.NextInt64() ^ ((ulong)System.Random.Shared.Next() << 63)),
    });
}
