using Wippy.Registry;
using static Wippy.Abstractions.Tests.Registry.RegistryTestKit;

namespace Wippy.Abstractions.Tests.Registry;

/// <summary>The pool block: validation and the type selection and defaults of docs/registry.md#pools.</summary>
public sealed class PoolTests
{
    private static PoolConfig PoolOf(string pool)
    {
        var result = Parse(RegistryYaml.Wat(pool));
        Assert.Empty(result.Diagnostics);
        return result.Document!.Entries.OfType<FunctionEntry>().Single().Pool;
    }

    [Fact]
    public void No_pool_block_is_lazy_with_100_workers()
    {
        var pool = PoolOf(string.Empty);
        Assert.Equal(PoolType.Lazy, pool.EffectiveType);
        Assert.Equal(100, pool.MaxSize);
        Assert.Null(pool.Type);
        Assert.Null(pool.Position);
    }

    // Type absent: workers == 0 && (size == 0 || max_size > 0) -> lazy (max_size or 100);
    // workers > 0 -> static; only size -> inline.
    [Theory]
    [InlineData("", PoolType.Lazy, 0, 0, 100)]
    [InlineData("max_size: 8", PoolType.Lazy, 0, 0, 8)]
    [InlineData("size: 4\n      max_size: 8", PoolType.Lazy, 0, 0, 8)]
    [InlineData("warm_start: false", PoolType.Lazy, 0, 0, 100)]
    [InlineData("workers: 3", PoolType.Static, 3, 192, 0)]
    [InlineData("workers: 3\n      buffer: 10", PoolType.Static, 3, 10, 0)]
    [InlineData("size: 4\n      workers: 2", PoolType.Static, 2, 128, 0)]
    [InlineData("size: 4", PoolType.Inline, 0, 0, 0)]
    public void Auto_selection_without_type(string fields, PoolType type, int workers, int buffer, int maxSize)
    {
        var pool = PoolOf("    pool:\n      " + (fields.Length == 0 ? "{}" : fields) + "\n");
        Assert.Null(pool.Type);
        Assert.Equal(type, pool.EffectiveType);
        Assert.Equal(workers, pool.Workers);
        Assert.Equal(buffer, pool.Buffer);
        Assert.Equal(maxSize, pool.MaxSize);
    }

    // Explicit lazy/adaptive default max_size to 16; explicit static defaults workers to size, else 8; buffer workers * 64.
    [Theory]
    [InlineData("type: lazy", PoolType.Lazy, 0, 0, 16)]
    [InlineData("type: adaptive", PoolType.Adaptive, 0, 0, 16)]
    [InlineData("type: adaptive\n      max_size: 32", PoolType.Adaptive, 0, 0, 32)]
    [InlineData("type: static", PoolType.Static, 8, 512, 0)]
    [InlineData("type: static\n      size: 4", PoolType.Static, 4, 256, 0)]
    [InlineData("type: static\n      size: 4\n      workers: 2\n      buffer: 16", PoolType.Static, 2, 16, 0)]
    [InlineData("type: inline", PoolType.Inline, 0, 0, 0)]
    public void Explicit_type_defaults(string fields, PoolType type, int workers, int buffer, int maxSize)
    {
        var pool = PoolOf("    pool:\n      " + fields + "\n");
        Assert.Equal(type, pool.EffectiveType);
        Assert.Equal(workers, pool.Workers);
        Assert.Equal(buffer, pool.Buffer);
        Assert.Equal(maxSize, pool.MaxSize);
        Assert.Equal(fields.Split('\n')[0].Substring("type: ".Length), pool.Type);
    }

    [Fact]
    public void Bad_pool_type()
    {
        var d = SingleFor(RegistryYaml.Wat("    pool:\n      type: elastic\n"), RegistryDiagnosticIds.InvalidPoolType, 8, 13);
        Assert.Contains("inline, lazy, static, adaptive", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("size")]
    [InlineData("workers")]
    [InlineData("buffer")]
    [InlineData("max_size")]
    public void Negative_pool_numbers(string field) =>
        SingleFor(RegistryYaml.Wat($"    pool:\n      type: static\n      {field}: -1\n"), RegistryDiagnosticIds.NegativePoolNumber, 9, 9 + field.Length);

    [Fact]
    public void Pool_number_must_be_a_whole_number() =>
        SingleFor(RegistryYaml.Wat("    pool:\n      workers: 2.5\n"), RegistryDiagnosticIds.WrongValueType, 8, 16);

    [Fact]
    public void Pool_must_be_a_map() =>
        SingleFor(RegistryYaml.Wat("    pool: lazy\n"), RegistryDiagnosticIds.WrongValueType, 7, 11);
}
