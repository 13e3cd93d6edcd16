namespace Wippy.Benchmarks;

/// <summary><c>--check</c>: runs every benchmark's setup (which checks each result) once, without measuring.</summary>
internal static class SelfCheck
{
    public static int Run()
    {
        var compute = new ComputeBenchmarks();
        compute.Setup();
        compute.Cleanup();
        var greet = new GreetBenchmarks();
        greet.Setup();
        greet.Cleanup();
        Console.WriteLine($"ok: compute(6, 7) = 42 and greet(\"Wippy\") = \"Hello, Wippy!\" on every path (registry: {SampleRegistry.Root})");
        return 0;
    }
}
