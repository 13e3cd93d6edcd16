using BenchmarkDotNet.Running;

// Run everything:            dotnet run -c Release --project benchmarks/Wippy.Benchmarks -- --filter '*'
// Quick (fewer iterations):  dotnet run -c Release --project benchmarks/Wippy.Benchmarks -- --filter '*' --job short
// Sanity check only:         dotnet run -c Release --project benchmarks/Wippy.Benchmarks -- --check
if (args is ["--check"])
{
    return Wippy.Benchmarks.SelfCheck.Run();
}

BenchmarkSwitcher.FromAssembly(typeof(Wippy.Benchmarks.ComputeBenchmarks).Assembly).Run(args);
return 0;
