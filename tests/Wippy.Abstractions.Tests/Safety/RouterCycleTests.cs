using Wippy.Diagnostics;
using Wippy.Registry;
using static Wippy.Abstractions.Tests.Registry.RegistryTestKit;

namespace Wippy.Abstractions.Tests.Safety;

/// <summary>An env.storage.router that reaches itself is a build error at the reference that closes the cycle, naming it.</summary>
public sealed class RouterCycleTests
{
    private static IReadOnlyList<WippyDiagnostic> Validate(string entries)
    {
        var parsed = Parse("namespace: myns\nentries:\n" + entries);
        Assert.Empty(parsed.Diagnostics);
        return RegistryValidator.Validate(new[] { parsed.Document! });
    }

    [Fact]
    public void A_router_naming_itself_is_a_cycle()
    {
        var d = Single(Validate("  - name: r\n    kind: env.storage.router\n    storages: [os, r]\n  - name: os\n    kind: env.storage.os\n"),
            SafetyDiagnosticIds.StorageRouterCycle, 5, 20);

        Assert.Equal("entry 'myns:r' (env.storage.router): 'storages[1]' makes a cycle: myns:r -> myns:r; a router must not reach itself, so remove one of these references", d.Message);
    }

    [Fact]
    public void A_cycle_through_three_routers_is_reported_once_at_the_closing_reference()
    {
        var d = Single(Validate("""
              - name: a
                kind: env.storage.router
                storages: [mem, b]
              - name: b
                kind: env.storage.router
                storages: [c]
              - name: c
                kind: env.storage.router
                storages: [myns:a]
              - name: mem
                kind: env.storage.memory
            """), SafetyDiagnosticIds.StorageRouterCycle, 11, 16);

        Assert.Contains("entry 'myns:c' (env.storage.router): 'storages[0]' makes a cycle: myns:a -> myns:b -> myns:c -> myns:a", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Routers_sharing_a_storage_without_a_cycle_are_fine()
    {
        Assert.Empty(Validate("""
              - name: a
                kind: env.storage.router
                storages: [b, c, mem]
              - name: b
                kind: env.storage.router
                storages: [c, mem]
              - name: c
                kind: env.storage.router
                storages: [mem]
              - name: mem
                kind: env.storage.memory
            """));
    }

    [Fact]
    public void A_chain_of_5000_routers_that_closes_is_found_without_recursion()
    {
        const int count = 5000;
        var yaml = string.Concat(Enumerable.Range(0, count).Select(i =>
            $"  - name: r{i}\n    kind: env.storage.router\n    storages: [r{(i + 1) % count}]\n"));

        var d = Assert.Single(Validate(yaml));

        Assert.Equal(SafetyDiagnosticIds.StorageRouterCycle, d.Id);
        Assert.EndsWith("myns:r4999 -> myns:r0; a router must not reach itself, so remove one of these references", d.Message, StringComparison.Ordinal);
    }
}
