namespace Wippy.Host.Tests.EndToEnd;

/// <summary>
/// A test that publishes with NativeAOT (minutes on 2 cores). It runs by default, in CI too; set
/// <c>WIPPY_SKIP_AOT_TEST=1</c> to skip it locally.
/// </summary>
public sealed class AotFactAttribute : FactAttribute
{
    public AotFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("WIPPY_SKIP_AOT_TEST") == "1") Skip = "WIPPY_SKIP_AOT_TEST=1";
    }
}

/// <summary>Tests that run alone (the NativeAOT publish takes both cores; timing-sensitive tests would suffer).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NotInParallel
{
    public const string Name = "not in parallel";
}
