using Wippy.Host.GeneratedCode;
using Wippy.Host.HostInterfaces;
using Wippy.Host.WasiHost.Cli;

namespace Wippy.Host.WasiHost.Filesystem;

/// <summary>
/// wasi:filesystem/preopens: the directories the guest is given (the entry's mounts, and its working directory as
/// <c>.</c>), each a new directory descriptor. Empty unless the entry grants wasi:filesystem.
/// </summary>
internal static class PreopensInterface
{
    /// <summary>The interface.</summary>
    public static HostInterface Interface { get; } = new("wasi:filesystem/preopens", [], new Dictionary<string, HostFunction>
    {
        ["get-directories"] = (call, _, results) =>
        {
            var preopens = EnvironmentInterface.Context(call).Preopens;
            var list = ComponentVal.OwnedList(preopens.Count);
            for (var i = 0; i < preopens.Count; i++)
            {
                var pair = ComponentVal.OwnedTuple(2);
                ComponentVal.SetItem(ref pair, 0, call.Own(FilesystemInterface.DescriptorType, Descriptor.ForPreopen(preopens[i])));
                ComponentVal.SetItem(ref pair, 1, ComponentVal.OwnedString(preopens[i].Guest));
                ComponentVal.SetItem(ref list, i, pair);
            }
            results[0] = list;
        },
    });
}
