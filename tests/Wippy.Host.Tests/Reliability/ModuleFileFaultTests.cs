using System.Text.Json;
using Wippy.Host.Tests.Abi;
using Wippy.Host.Tests.Calc;
using Wippy.Host.Tests.Limits;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Reliability;

/// <summary>
/// A module file damaged after the build, which hashed it (docs/registry.md#hash): truncated, emptied, replaced by
/// garbage of the same length or by a directory, before the runtime starts or while it runs. Every call to an entry of
/// that file fails with Unavailable naming the entry and saying why; the other entries keep serving; an entry loaded
/// before the damage keeps its code. (A byte appended, a missing file: <see cref="Loading.ModuleIntegrityTests"/>; a
/// FIFO: <see cref="FifoFaultTests"/>.)
/// </summary>
public sealed class ModuleFileFaultTests : IDisposable
{
    private readonly CopiedGuests _guests = new();

    public void Dispose() => _guests.Dispose();

    private WippyRuntime Runtime(string? cache = null) => _guests.Runtime(cache, "abi", "calc", "limits");

    public static TheoryData<string> Damages => ["truncated", "emptied", "garbage"];

    private static void Damage(string file, string how)
    {
        var bytes = File.ReadAllBytes(file);
        switch (how)
        {
            case "truncated": File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]); break;
            case "emptied": File.WriteAllBytes(file, []); break;
            case "garbage": File.WriteAllBytes(file, System.Security.Cryptography.RandomNumberGenerator.GetBytes(bytes.Length)); break;
            default: throw new ArgumentOutOfRangeException(nameof(how));
        }
    }

    /// <summary>Every call of the entry fails the same way, naming it; other entries serve.</summary>
    private static void RefusedAndOthersServe(WippyRuntime runtime, Action call, string entry, string reason)
    {
        for (var i = 0; i < 2; i++)
        {
            var error = Assert.Throws<WippyException>(call);
            Assert.Equal(ErrorKind.Unavailable, error.Kind);
            Assert.Equal(entry, error.EntryId);
            Assert.True(error.Message.StartsWith($"{entry}: the entry failed to load: {reason}", StringComparison.Ordinal), error.Message);
        }
        Assert.Equal(1, new LimitsFunctions(runtime).GrowCapped(0)); // WAT, compiled into the app
    }

    [Theory]
    [MemberData(nameof(Damages))]
    public void A_core_module_damaged_after_the_build_fails_its_entries_with_the_reason(string how)
    {
        Damage(_guests.AbiModule, how);
        using var runtime = Runtime();
        RefusedAndOthersServe(runtime, () => new AbiFunctions(runtime).EchoBool(true), "abi:echo_bool", "hash mismatch for abi:guests:/abi.wasm: expected sha256:4399bdc1");
        Assert.Equal(6L, new CalcFunctions(runtime).SumList([1, 2, 3])); // another file
    }

    [Theory]
    [MemberData(nameof(Damages))]
    public void A_component_damaged_after_the_build_fails_its_entries_with_the_reason(string how)
    {
        Damage(_guests.CalcComponent, how);
        using var runtime = Runtime();
        RefusedAndOthersServe(runtime, () => new CalcFunctions(runtime).SumList([1]), "calc:sum_list", "hash mismatch for calc:calc_guest:/calc.wasm: expected sha256:fe717789");
        Assert.True(new AbiFunctions(runtime).EchoBool(true));
    }

    [Fact]
    public void A_module_damaged_while_the_runtime_runs_fails_only_the_entries_loaded_afterwards()
    {
        using var runtime = Runtime();
        // By id, as the command line and Lua call: this loads one entry (a proxy would load its whole namespace).
        Assert.Equal("true", CallJson(runtime, "abi:echo_bool", "true"));

        Damage(_guests.AbiModule, "truncated");

        Assert.Equal("false", CallJson(runtime, "abi:echo_bool", "false")); // loaded before: its compiled code is in memory
        RefusedAndOthersServe(runtime, () => CallJson(runtime, "abi:echo_s8", "1"), "abi:echo_s8", "hash mismatch"); // the same file, loaded now
    }

    private static string CallJson(WippyRuntime runtime, string id, string argument)
    {
        using var document = JsonDocument.Parse(argument);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) runtime.GetFunction(id).CallJson([document.RootElement], writer);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    [Fact]
    public void Compiled_code_cached_for_the_original_module_does_not_stand_in_for_a_damaged_one()
    {
        using var cache = new TempDirectory();
        using (var first = Runtime(cache.Path)) Assert.True(new AbiFunctions(first).EchoBool(true));
        Assert.Single(CacheFiles.Of(cache.Path, CacheFiles.AbiModule));

        Damage(_guests.AbiModule, "garbage");

        using var runtime = Runtime(cache.Path);
        RefusedAndOthersServe(runtime, () => new AbiFunctions(runtime).EchoBool(true), "abi:echo_bool", "hash mismatch");
    }

    [Fact]
    public void A_module_replaced_by_a_directory_fails_its_entries_saying_it_is_not_a_regular_file()
    {
        File.Delete(_guests.AbiModule);
        Directory.CreateDirectory(_guests.AbiModule);
        using var runtime = Runtime();
        RefusedAndOthersServe(runtime, () => new AbiFunctions(runtime).EchoBool(true), "abi:echo_bool",
            $"the module '/abi.wasm' in 'abi:guests' is not a regular file but a directory ({_guests.AbiModule})");
    }
}
