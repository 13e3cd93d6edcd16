using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Reliability;

/// <summary>
/// Guests that try to take the host's memory: every store has caps whether or not its entry sets limits
/// (docs/runtime.md#limits): 256 MiB per linear memory (64-bit memories included), 100,000 elements per table, at most
/// 32 memories, 20 tables and 200 core instances. Growing past a cap fails the way WebAssembly says (-1); creating past
/// a count fails the call; the next call works. A warm instance is kept only while its exported memories and tables
/// together stay under max_retained_memory_bytes.
/// </summary>
public sealed class StoreLimitTests : IDisposable
{
    private const long Page = 64 * 1024;
    private readonly WippyRuntime _runtime = new(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry });
    private readonly ReliabilityFunctions _guests;

    public StoreLimitTests() => _guests = new ReliabilityFunctions(_runtime);

    public void Dispose() => _runtime.Dispose();

    [Fact]
    public void A_64_bit_memory_without_limits_cannot_grow_past_the_default_cap()
    {
        // 2^30 pages is 64 TiB: without a cap Wasmtime would try to reserve it, and the kernel would kill the process.
        Assert.Equal(-1, _guests.Memory64Grow(1UL << 30));
        var capPages = 256L * 1024 * 1024 / Page;
        Assert.Equal(1, _guests.Memory64Grow((ulong)(capPages - 1))); // up to the cap exactly: allowed (was 1 page)
        Assert.Equal(-1, _guests.Memory64Grow((ulong)capPages)); // one page past it, in a fresh instance (inline pool)
    }

    [Fact]
    public void A_table_without_limits_cannot_grow_past_the_default_cap()
    {
        Assert.Equal(-1, _guests.TableGrow(1_000_000_000)); // 8 GB of table slots
        Assert.Equal(1, _guests.TableGrow(99_999)); // to 100,000 elements: allowed
        Assert.Equal(-1, _guests.TableGrow(100_000));
    }

    [Fact]
    public void A_guest_that_creates_too_many_memories_fails_its_call_and_the_host_serves_on() =>
        RefusedAtInstantiation("reliability:many_memories", "memory", () => _guests.ManyMemories());

    [Fact]
    public void A_guest_that_creates_too_many_tables_fails_its_call_and_the_host_serves_on() =>
        RefusedAtInstantiation("reliability:many_tables", "table", () => _guests.ManyTables());

    private void RefusedAtInstantiation(string id, string what, Func<int> call)
    {
        var error = Assert.Throws<WippyException>(() => call());
        Assert.Equal(ErrorKind.Trap, error.Kind);
        Assert.Equal(id, error.EntryId);
        Assert.Contains($"resource limit exceeded: {what} count too high", error.Message);
        Assert.Contains("a store may have 32 memories of at most 268435456 bytes each (limits.max_memory_bytes), 20 tables", error.Message);
        Assert.Equal(ErrorKind.Trap, Assert.Throws<WippyException>(() => call()).Kind); // the same again: nothing half-made was kept
        Assert.Equal(1, _guests.TableGrow(1)); // another entry, unaffected
    }

    [Fact]
    public void A_warm_instance_whose_second_memory_grew_past_the_retained_limit_is_replaced()
    {
        var handle = _runtime.GetFunction("reliability:grow_side_memory");
        Assert.Equal(1, _guests.GrowSideMemory(1)); // 2 + 1 pages in all: kept
        Assert.Equal(1, handle.Idle);
        Assert.Equal(2, _guests.GrowSideMemory(32)); // the side memory is now 34 pages (2.1 MiB), past 1 MiB: replaced
        Assert.Equal(0, handle.Idle);
        Assert.Equal(1, _guests.GrowSideMemory(1)); // a fresh instance (its side memory had 1 page)
    }

    [Fact]
    public void A_warm_instance_whose_table_grew_past_the_retained_limit_is_replaced()
    {
        var handle = _runtime.GetFunction("reliability:grow_table_retained");
        Assert.Equal(1, _guests.GrowTableRetained(10)); // 11 elements: kept
        Assert.Equal(1, handle.Idle);
        Assert.Equal(11, _guests.GrowTableRetained(99_000)); // 99,011 slots of 8 bytes (792 KB) and 128 KiB of memories: past 512 KiB
        Assert.Equal(0, handle.Idle);
        Assert.Equal(1, _guests.GrowTableRetained(1));
    }

    [Fact]
    public void A_memory_cap_below_the_guest_s_initial_memory_fails_its_calls_as_a_trap_not_an_internal_error()
    {
        // The build refuses max_memory_bytes below one page; a descriptor made by hand can still hold it.
        using var runtime = Descriptors.Runtime(Descriptors.Manifest("reliability", "reliability:memory64_grow",
            d => Descriptors.With(d, limits: d.Limits with { MaxMemoryBytes = 1 })));
        var error = Assert.Throws<WippyException>(() => new ReliabilityFunctions(runtime).Memory64Grow(1));
        Assert.Equal(ErrorKind.Trap, error.Kind);
        Assert.Contains("of at most 1 bytes each (limits.max_memory_bytes)", error.Message);
    }
}
