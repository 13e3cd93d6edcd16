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
        var components = new ComponentBenchmarks();
        components.Setup();
        components.Cleanup();
        var pools = new PoolBenchmarks();
        pools.Setup();
        pools.Cleanup();
        var throughput = new ThroughputBenchmarks();
        throughput.Setup();
        throughput.Cleanup();
        var wasi = new WasiBenchmarks();
        wasi.Setup();
        wasi.Cleanup();
        var fiber = new FiberBenchmarks();
        fiber.Setup();
        fiber.Cleanup();
        var processes = new ProcessBenchmarks();
        processes.Setup();
        processes.Cleanup();
#if WIPPY_BENCH_JS
        var js = new JsBenchmarks();
        js.Setup();
        js.Cleanup();
        Console.WriteLine("ok: the JavaScript guest's add(2, 3) = 5 and greet(\"Wippy\") = \"Hello, Wippy!\" on both sides");
#endif
        Console.WriteLine($"ok: compute(6, 7) = 42 and greet(\"Wippy\") = \"Hello, Wippy!\" on every path (registry: {SampleRegistry.Root})");
        Console.WriteLine($"ok: component add(2, 3) = 5 and transform-users over {ComponentBenchmarks.UserCount} users (user 1 = {{1, \"User1 [team1, dev]\", 2}}) on every path (registry: {BenchRegistry.Root})");
        Console.WriteLine("ok: compute(6, 7) = 42 through the lazy, static, adaptive and inline pools, transform-users through each pool type, and each pool holds what its type says afterwards");
        Console.WriteLine($"ok: work({ThroughputBenchmarks.N:N0}) = {WorkGuest.Expected(ThroughputBenchmarks.N)} on every throughput row; with 2 callers, static pools of 1 and 2 workers ran at most {throughput.MaxBusySeen1} and {throughput.MaxBusySeen2} calls at once");
        Console.WriteLine("ok: 10,000 stdout lines of bench:print_lines reached the log, bench:read_file returned the 10 MB file and bench:http_fetch the local server's answer, on the host's own WASI and on Wasmtime's");
        Console.WriteLine("ok: fiber.wasm's churns(1) = 1 directly and on a fiber, waits(1) = 0 on a fiber");
        Console.WriteLine($"ok: bench:echo answered a C# mailbox (spawned, and warm {ProcessBenchmarks.Messages} times), bench:ping returned ok({ProcessBenchmarks.Rounds}) against it, and the Wasmtime.Dotnet floors echoed the same messages");
        return LatencyRun.Run(quick: true);
    }
}
