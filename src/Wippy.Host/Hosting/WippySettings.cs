using Wippy.Host.Native;

namespace Wippy.Host.Hosting;

/// <summary>
/// The runtime settings an app reads from configuration (section <c>Wippy</c>: appsettings.json, environment variables
/// such as <c>Wippy__CacheDirectory</c>, the command line), bound by the configuration-binding source generator.
/// Unset values keep <see cref="WippyRuntimeOptions"/>' defaults.
/// </summary>
public sealed class WippySettings
{
    /// <summary>The configuration section the settings are read from.</summary>
    public const string Section = "Wippy";

    /// <summary>Where relative fs.directory paths resolve (<see cref="WippyRuntimeOptions.RegistryRoot"/>).</summary>
    public string? RegistryRoot { get; set; }

    /// <summary>The compiled-code cache directory; empty turns the cache off (<see cref="WippyRuntimeOptions.CacheDirectory"/>).</summary>
    public string? CacheDirectory { get; set; }

    /// <summary>The epoch tick in milliseconds (<see cref="WippyRuntimeOptions.EpochTick"/>).</summary>
    public int? EpochTickMilliseconds { get; set; }

    /// <summary>How long an instance may stay idle before it is retired, in seconds (<see cref="WippyRuntimeOptions.IdleTimeout"/>).</summary>
    public int? IdleTimeoutSeconds { get; set; }

    /// <summary>How often idle instances are looked for, in seconds (<see cref="WippyRuntimeOptions.ReapInterval"/>).</summary>
    public int? ReapIntervalSeconds { get; set; }

    /// <summary>The pooling allocator's sizes; null leaves it off (<see cref="WippyRuntimeOptions.PoolingAllocator"/>).</summary>
    public WippyPoolingSettings? Pooling { get; set; }

    /// <summary>Copies the values that are set onto <paramref name="options"/>.</summary>
    public void ApplyTo(WippyRuntimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (RegistryRoot is { Length: > 0 } root) options.RegistryRoot = root;
        if (CacheDirectory is not null) options.CacheDirectory = CacheDirectory.Length == 0 ? null : CacheDirectory;
        if (EpochTickMilliseconds is { } tick) options.EpochTick = TimeSpan.FromMilliseconds(tick);
        if (IdleTimeoutSeconds is { } idle) options.IdleTimeout = TimeSpan.FromSeconds(idle);
        if (ReapIntervalSeconds is { } reap) options.ReapInterval = TimeSpan.FromSeconds(reap);
        if (Pooling is { } pooling) options.PoolingAllocator = pooling.ToAllocator();
    }
}

/// <summary>The pooling allocator's sizes (<see cref="WasmPoolingAllocator"/>).</summary>
public sealed class WippyPoolingSettings
{
    /// <summary>Linear memories live at once.</summary>
    public uint TotalMemories { get; set; } = 128;

    /// <summary>Tables live at once.</summary>
    public uint TotalTables { get; set; } = 128;

    /// <summary>Core instances live at once.</summary>
    public uint TotalCoreInstances { get; set; } = 128;

    /// <summary>Component instances live at once.</summary>
    public uint TotalComponentInstances { get; set; } = 128;

    /// <summary>The largest linear memory, in bytes.</summary>
    public ulong MaxMemoryBytes { get; set; } = 64UL << 20;

    /// <summary>The allocator these settings describe.</summary>
    public WasmPoolingAllocator ToAllocator() => new()
    {
        TotalMemories = TotalMemories,
        TotalTables = TotalTables,
        TotalCoreInstances = TotalCoreInstances,
        TotalComponentInstances = TotalComponentInstances,
        MaxMemoryBytes = MaxMemoryBytes,
    };
}
