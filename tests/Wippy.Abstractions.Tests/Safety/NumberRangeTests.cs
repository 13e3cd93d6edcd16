using Wippy.Diagnostics;
using Wippy.Registry;
using Wippy.Abstractions.Tests.Registry;
using static Wippy.Abstractions.Tests.Registry.RegistryTestKit;

namespace Wippy.Abstractions.Tests.Safety;

/// <summary>
/// Limits and pool numbers that the runtime cannot honour (a timer longer than it takes, a memory cap below one
/// page, a pool that would reserve billions of slots) are build errors at their YAML line, saying the range.
/// </summary>
public sealed class NumberRangeTests
{
    [Theory]
    [InlineData("max_execution_ms: 9223372036854775807", "'limits.max_execution_ms' is 9223372036854775807", "write 1 to 2147483647")]
    [InlineData("max_execution_ms: 2147483648", "'limits.max_execution_ms' is 2147483648", "about 24.8 days")]
    [InlineData("max_memory_bytes: 1", "'limits.max_memory_bytes' is 1, below one WebAssembly page", "write at least 65536")]
    [InlineData("max_memory_bytes: 65535", "'limits.max_memory_bytes' is 65535", "write at least 65536")]
    public void Limits_out_of_range_are_errors_at_their_line(string field, string what, string range)
    {
        var d = SingleFor(RegistryYaml.Wat("    limits:\n      " + field + "\n"), SafetyDiagnosticIds.NumberOutOfRange, 8, 25);

        Assert.Contains("entry 'myns:answer' (function.wat): " + what, d.Message, StringComparison.Ordinal);
        Assert.Contains(range, d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("max_execution_ms: 2147483647")]
    [InlineData("max_memory_bytes: 65536")]
    [InlineData("max_memory_bytes: 100000")] // not a multiple of the page size: accepted
    [InlineData("max_memory_bytes: 9223372036854775807")]
    [InlineData("max_retained_memory_bytes: 1")]
    public void Limits_inside_the_range_are_accepted(string field)
    {
        var result = Parse(RegistryYaml.Wat("    limits:\n      " + field + "\n"));

        Assert.Empty(result.Diagnostics);
        Assert.NotNull(result.Document!.Entries.OfType<FunctionEntry>().Single().Limits.Position);
    }

    [Theory]
    [InlineData("workers: 2147483647", "'pool.workers' is 2147483647", 16)]
    [InlineData("max_size: 2147483647", "'pool.max_size' is 2147483647", 17)]
    [InlineData("size: 10001", "'pool.size' is 10001", 13)]
    public void Pool_instance_counts_above_the_maximum_are_errors_at_their_line(string field, string what, int column)
    {
        var d = SingleFor(RegistryYaml.Wat("    pool:\n      " + field + "\n"), SafetyDiagnosticIds.NumberOutOfRange, 8, column);

        Assert.Contains(what + ", more instances than a pool may have; write 0 to 10000", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pool_numbers_at_the_maximum_and_a_large_buffer_are_accepted()
    {
        var result = Parse(RegistryYaml.Wat("    pool: { type: static, workers: 10000, buffer: 2147483647 }\n"));

        Assert.Empty(result.Diagnostics);
        var pool = result.Document!.Entries.OfType<FunctionEntry>().Single().Pool;
        Assert.Equal((PoolConfig.MaxInstances, int.MaxValue), (pool.Workers, pool.Buffer));
    }

    [Fact]
    public void A_lua_function_has_the_same_execution_limit()
    {
        var d = SingleFor(RegistryYaml.Lua("    limits:\n      max_execution_ms: 9223372036854775807\n"), SafetyDiagnosticIds.NumberOutOfRange, 8, 25);
        Assert.Contains("(function.lua)", d.Message, StringComparison.Ordinal);
    }
}
