using Microsoft.Extensions.DependencyInjection;
using Wippy.Host.Tests.Imports;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Components;

/// <summary>
/// Differential tests of the planned direct path: the same components, with the same C# implementations of their
/// imports, called directly (their core modules wired by the host, the imports lowered by generated code:
/// <c>imports:run</c>, <c>greet</c>, <c>total</c>) and through Wasmtime's component model (the <c>*_cm</c> twins,
/// <c>call_path: component-model</c>) give the same results, make the same calls to the implementation, and fail with
/// the same errors.
/// </summary>
public sealed class PlannedComponentTests : IDisposable
{
    /// <summary>Records every call; its answers can be changed or made to throw.</summary>
    private sealed class Host : IImportsHost, IMinimalHost, ICalculatorHost
    {
        public readonly List<string> Seen = [];
        public Func<int>? FactorWith;

        public int Factor()
        {
            Seen.Add("factor");
            return FactorWith?.Invoke() ?? 3;
        }

        public string? Greeting = "Howdy";
        public Func<Pair[], uint, Pair[]>? ScaleWith;
        public Func<int, int, int>? AddWith;

        public int Add(int a, int b)
        {
            Seen.Add($"add {a} {b}");
            return AddWith?.Invoke(a, b) ?? a + b;
        }

        public void Log(Level lvl, string msg) => Seen.Add($"log {lvl} {msg}");

        public string? Lookup(string key)
        {
            Seen.Add("lookup " + key);
            return Greeting;
        }

        public Pair[] Scale(Pair[] itemsArg, uint factor)
        {
            Seen.Add($"scale {string.Join(",", itemsArg.Select(p => p.Key + "=" + p.Value))} x{factor}");
            return ScaleWith?.Invoke(itemsArg, factor) ?? itemsArg.Select(p => p with { Value = p.Value * factor }).ToArray();
        }
    }

    private readonly Host _host = new();
    private readonly WippyRuntime _runtime;
    private readonly ImportsFunctions _imports;

    public PlannedComponentTests()
    {
        var services = new ServiceCollection()
            .AddSingleton<IMinimalHost>(_host)
            .AddSingleton<IImportsHost>(_host)
            .AddSingleton<ICalculatorHost>(_host)
            .BuildServiceProvider();
        _runtime = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry, Services = services });
        _imports = new ImportsFunctions(_runtime);
    }

    public void Dispose() => _runtime.Dispose();

    /// <summary>Runs <paramref name="direct"/> and <paramref name="componentModel"/>; both must give the same outcome and the same calls to the host.</summary>
    private void Same<T>(Func<T> direct, Func<T> componentModel)
    {
        var a = Outcome(direct);
        var seenDirect = _host.Seen.ToList();
        _host.Seen.Clear();
        var b = Outcome(componentModel);
        Assert.Equal(b, a);
        Assert.Equal(_host.Seen, seenDirect);
        _host.Seen.Clear();
    }

    /// <summary>The value, or the error's kind and text without the entry's name (the twins are different entries).</summary>
    private static string Outcome<T>(Func<T> call)
    {
        try
        {
            var value = call();
            return "ok " + (value is System.Collections.IEnumerable e and not string ? string.Join(",", e.Cast<object>()) : value);
        }
        catch (WippyException e)
        {
            return $"{e.Kind}: {e.Detail}";
        }
    }

    [Fact]
    public void The_twins_run_on_different_paths()
    {
        Assert.False(_runtime.GetWasmFunction("imports:run").Descriptor.CallsComponentModel);
        Assert.False(_runtime.GetWasmFunction("imports:total").Descriptor.CallsComponentModel);
        Assert.True(_runtime.GetWasmFunction("imports:run_cm").Descriptor.CallsComponentModel);
        Assert.True(_runtime.GetWasmFunction("imports:total_cm").Descriptor.CallsComponentModel);
        Assert.Equal(12, _imports.Run(5));
        Assert.Equal(12, _imports.RunCm(5));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void A_scalar_import_gives_the_same_results(int x) => Same(() => _imports.Run(x), () => _imports.RunCm(x));

    [Theory]
    [InlineData("Zoë 😀", "Howdy")]
    [InlineData("Ann", null)]
    [InlineData("", "")]
    [InlineData("a long name that is more than a few bytes, to make the guest allocate", "Good morning to you")]
    public void Strings_and_options_give_the_same_results(string name, string? greeting)
    {
        _host.Greeting = greeting;
        Same(() => _imports.Greet(name), () => _imports.GreetCm(name));
    }

    [Fact]
    public void Lists_of_records_give_the_same_results()
    {
        Pair[] items = [new("a", 1), new("b", 2), new("ç", 3)];
        Same(() => _imports.Total(items, 10), () => _imports.TotalCm(items, 10));
        Same(() => _imports.Total([], 3), () => _imports.TotalCm([], 3));
        var many = Enumerable.Range(0, 500).Select(i => new Pair("key" + i, (uint)i)).ToArray();
        Same(() => _imports.Total(many, 2), () => _imports.TotalCm(many, 2));
        _host.ScaleWith = (pairs, _) => [.. pairs, new Pair("extra, from the host", 7)];
        Same(() => _imports.Total(items, 1), () => _imports.TotalCm(items, 1));
    }

    [Fact]
    public void An_exception_in_the_implementation_fails_both_the_same_way_and_both_keep_serving()
    {
        _host.ScaleWith = (_, _) => throw new InvalidOperationException("no scaling today");
        Same(() => _imports.Total([new Pair("a", 1)], 2), () => _imports.TotalCm([new Pair("a", 1)], 2));
        _host.AddWith = (_, _) => throw new WippyException(ErrorKind.PermissionDenied, "other:entry", "not for you");
        Same(() => _imports.Run(1), () => _imports.RunCm(1));
        _host.ScaleWith = null;
        _host.AddWith = null;
        Same(() => _imports.Total([new Pair("a", 2)], 2), () => _imports.TotalCm([new Pair("a", 2)], 2));
        Same(() => _imports.Run(2), () => _imports.RunCm(2));
        Assert.Equal(4u, _imports.Total([new Pair("a", 2)], 2));
    }

    [Fact]
    public void A_bad_value_from_the_implementation_is_the_same_invalid_error()
    {
        _host.ScaleWith = (_, _) => [new Pair("fine", 1), new Pair(null!, 1)];
        Same(() => _imports.Total([new Pair("a", 1)], 2), () => _imports.TotalCm([new Pair("a", 1)], 2));
        var error = Assert.Throws<WippyException>(() => _imports.Total([new Pair("a", 1)], 2));
        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Equal("imports:total: the import 'wippy:imports/host#scale': result[1].key: expected a string, got null", error.Message);
    }

    [Fact]
    public void A_missing_implementation_is_the_same_unavailable_error()
    {
        using var bare = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry });
        var imports = new ImportsFunctions(bare);
        Same(() => imports.Run(1), () => imports.RunCm(1));
        Same(() => imports.Greet("x"), () => imports.GreetCm("x"));
        Assert.Equal(ErrorKind.Unavailable, Assert.Throws<WippyException>(() => imports.Run(1)).Kind);
    }

    [Fact]
    public void A_component_importing_csharp_and_wasi_gives_the_same_results_and_errors()
    {
        // calculator.wasm: wasi-libc through the preview1 adapter (its start reads the preopens, calculate reads the
        // environment through wasi:cli), and wippy:calculator/host in C#. Planned: WASI served at core level.
        Assert.False(_runtime.GetWasmFunction("imports:calculate").Descriptor.CallsComponentModel);
        Assert.True(_runtime.GetWasmFunction("imports:calculate_cm").Descriptor.CallsComponentModel);
        Assert.Equal(25, _imports.Calculate(6, 7));
        Assert.Equal(["factor"], _host.Seen);
        _host.Seen.Clear();
        Assert.Equal(25, _imports.CalculateCm(6, 7));
        Assert.Equal(["factor"], _host.Seen);
        _host.Seen.Clear();
        Same(() => _imports.Calculate(6, 7), () => _imports.CalculateCm(6, 7));
        _host.FactorWith = () => int.MinValue;
        Same(() => _imports.Calculate(2, 1), () => _imports.CalculateCm(2, 1));
        _host.FactorWith = () => throw new InvalidOperationException("no factor today");
        Same(() => _imports.Calculate(6, 7), () => _imports.CalculateCm(6, 7));
        Assert.Contains("the import 'wippy:calculator/host#factor' failed: InvalidOperationException: no factor today",
            Assert.Throws<WippyException>(() => _imports.Calculate(6, 7)).Message);
        _host.Seen.Clear();
        _host.FactorWith = () => 10;
        Same(() => _imports.Calculate(6, 7), () => _imports.CalculateCm(6, 7)); // fresh instances serve on
        Assert.Equal(67, _imports.Calculate(6, 7));
    }

    [Fact]
    public async Task Awaiting_implementations_serve_the_direct_path_too()
    {
        var awaiting = new AwaitingHost();
        using var runtime = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions
        {
            RegistryRoot = RepoPaths.TestRegistry,
            Services = new ServiceCollection().AddSingleton<IMinimalHostAsync>(awaiting).BuildServiceProvider(),
        });
        var imports = new ImportsFunctions(runtime);
        Assert.Equal(12, imports.Run(5));
        Assert.Equal(12, await imports.RunAsync(5));
        Assert.Equal(2, awaiting.Calls);
    }

    /// <summary>An awaiting implementation that really yields before answering.</summary>
    private sealed class AwaitingHost : IMinimalHostAsync
    {
        public int Calls;

        public async ValueTask<int> AddAsync(int a, int b, CancellationToken cancellationToken)
        {
            await Task.Yield();
            await Task.Delay(5, cancellationToken);
            Interlocked.Increment(ref Calls);
            return a + b;
        }
    }
}
