using BenchmarkDotNet.Running;

// Run everything:            dotnet run -c Release --project benchmarks/Wippy.Benchmarks -- --filter '*'
// Quick (fewer iterations):  dotnet run -c Release --project benchmarks/Wippy.Benchmarks -- --filter '*' --job short
// Sanity check only:         dotnet run -c Release --project benchmarks/Wippy.Benchmarks -- --check
// Per-call latency (p50/p99): dotnet run -c Release --project benchmarks/Wippy.Benchmarks -- --latency
// Many sleeping guests:       dotnet run -c Release --project benchmarks/Wippy.Benchmarks -- --sleepers [N…]
// Many idle processes:        dotnet run -c Release --project benchmarks/Wippy.Benchmarks -- --processes-idle [N…]
// Processes (spawn, round trips, ping-pong): --filter '*ProcessBenchmarks*' (every class is found by BenchmarkSwitcher)
// One row in a loop, for perf: dotnet run -c Release --project benchmarks/Wippy.Benchmarks -- --spin Compute_Floor_WrapFunc,Compute_Lazy [seconds]
// HTTP load (wrk):            bash benchmarks/http.sh (serves with --http-serve 127.0.0.1:PORT [--pooling])
if (args is ["--check"])
{
    return Wippy.Benchmarks.SelfCheck.Run();
}
if (args.Length > 0 && args[0] == "--sleepers")
{
    var counts = args.Length > 1 ? args[1..].Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray() : [10_000, 100_000];
    return Wippy.Benchmarks.SleepersRun.Run(counts);
}
if (args.Length > 0 && args[0] == "--processes-idle")
{
    var counts = args.Length > 1 ? args[1..].Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray() : [1_000, 10_000];
    return Wippy.Benchmarks.ProcessesIdleRun.Run(counts);
}
if (args is ["--http-serve", var address, ..] && args.Length <= 3)
{
    return Wippy.Benchmarks.HttpServe.Run(address, pooling: args is [_, _, "--pooling"]);
}
if (args is ["--spin", var row, ..] && args.Length <= 3)
{
    return Wippy.Benchmarks.SpinRun.Run(row, args.Length == 3 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1);
}
if (args is ["--latency"])
{
    return Wippy.Benchmarks.LatencyRun.Run(quick: false);
}

BenchmarkSwitcher.FromAssembly(typeof(Wippy.Benchmarks.ComputeBenchmarks).Assembly).Run(args);
return 0;
