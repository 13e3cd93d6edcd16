using BenchmarkDotNet.Running;

// Run everything:            dotnet run -c Release --project benchmarks/Wippy.Benchmarks -- --filter '*'
// Quick (fewer iterations):  dotnet run -c Release --project benchmarks/Wippy.Benchmarks -- --filter '*' --job short
// Sanity check only:         dotnet run -c Release --project benchmarks/Wippy.Benchmarks -- --check
// Per-call latency (p50/p99): dotnet run -c Release --project benchmarks/Wippy.Benchmarks -- --latency
if (args is ["--check"])
{
    return Wippy.Benchmarks.SelfCheck.Run();
}
if (args is ["--latency"])
{
    return Wippy.Benchmarks.LatencyRun.Run(quick: false);
}

BenchmarkSwitcher.FromAssembly(typeof(Wippy.Benchmarks.ComputeBenchmarks).Assembly).Run(args);
return 0;
