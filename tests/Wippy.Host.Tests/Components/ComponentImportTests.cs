using Microsoft.Extensions.DependencyInjection;
using Wippy.Host.Tests.Imports;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Components;

/// <summary>
/// Components that import interfaces, with the imported functions implemented in C# (generated interfaces, registered
/// as services), or left to stubs: called directly when they import only the app's interfaces, through Wasmtime's
/// component model when they import WASI too (PlannedComponentTests compares the two paths).
/// </summary>
public sealed class ComponentImportTests : IDisposable
{
    private sealed class Minimal : IMinimalHost
    {
        public int Calls;

        public int Add(int a, int b)
        {
            Calls++;
            return a + b;
        }
    }

    private sealed class Host : IImportsHost
    {
        public readonly List<string> Seen = [];
        public string? Greeting = "Howdy";
        public Func<Pair[], uint, Pair[]>? ScaleWith;

        public void Log(Level lvl, string msg) => Seen.Add($"log {lvl} {msg}");

        public string? Lookup(string key)
        {
            Seen.Add("lookup " + key);
            return Greeting;
        }

        public Pair[] Scale(Pair[] itemsArg, uint factor)
        {
            Seen.Add($"scale {itemsArg.Length} x{factor}");
            return ScaleWith?.Invoke(itemsArg, factor) ?? itemsArg.Select(p => p with { Value = p.Value * factor }).ToArray();
        }
    }

    /// <summary>The calculator's host interface: the factor, or an exception.</summary>
    private sealed class Calculator : ICalculatorHost
    {
        public Func<int> Factor { get; set; } = () => 3;

        int ICalculatorHost.Factor() => Factor();
    }

    private readonly Calculator _calculator = new();
    private readonly Minimal _minimal = new();
    private readonly Host _host = new();
    private readonly WippyRuntime _runtime;
    private readonly ImportsFunctions _imports;

    public ComponentImportTests()
    {
        var services = new ServiceCollection()
            .AddSingleton<IMinimalHost>(_minimal)
            .AddSingleton<IImportsHost>(_host)
            .AddSingleton<ICalculatorHost>(_calculator)
            .BuildServiceProvider();
        _runtime = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry, Services = services });
        _imports = new ImportsFunctions(_runtime);
    }

    public void Dispose() => _runtime.Dispose();

    [Fact]
    public void A_scalar_import_is_implemented_in_csharp()
    {
        Assert.Equal(12, _imports.Run(5));
        Assert.Equal(0, _imports.Run(-1));
        Assert.Equal(0, _imports.Run(int.MaxValue)); // (MaxValue + 1) * 2 wraps
        Assert.Equal(3, _minimal.Calls);
        Assert.False(_runtime.GetWasmFunction("imports:run").Descriptor.CallsComponentModel); // called directly: PlannedComponentTests
        Assert.False(_runtime.GetWasmFunction("imports:calculate").Descriptor.CallsComponentModel); // imports WASI too, served at core level
        Assert.True(_runtime.GetWasmFunction("imports:calculate_cm").Descriptor.CallsComponentModel);
    }

    [Fact]
    public void Strings_options_and_enums_cross_to_the_implementation_and_back()
    {
        Assert.Equal("Howdy, Zoë 😀!", _imports.Greet("Zoë 😀"));
        Assert.Equal(["lookup greeting", "log Info greeted Zoë 😀"], _host.Seen);
        _host.Greeting = null;
        Assert.Equal("Hello, Ann!", _imports.Greet("Ann"));
        _host.Greeting = "";
        Assert.Equal(", Bo!", _imports.Greet("Bo"));
    }

    [Fact]
    public void Lists_of_records_cross_both_ways()
    {
        Assert.Equal(60u, _imports.Total([new Pair("a", 1), new Pair("b", 2), new Pair("ç", 3)], 10));
        Assert.Equal(0u, _imports.Total([], 3));
        Assert.Equal(["scale 3 x10", "scale 0 x3"], _host.Seen);
    }

    [Fact]
    public void An_exception_in_the_implementation_fails_the_call_naming_the_import_and_the_entry_keeps_serving()
    {
        _host.ScaleWith = (_, _) => throw new InvalidOperationException("no scaling today");
        var error = Assert.Throws<WippyException>(() => _imports.Total([new Pair("a", 1)], 2));
        Assert.Equal("imports:total", error.EntryId);
        Assert.Contains("the import 'wippy:imports/host#scale' failed: InvalidOperationException: no scaling today", error.Message);
        _host.ScaleWith = null;
        Assert.Equal(4u, _imports.Total([new Pair("a", 2)], 2));
    }

    [Fact]
    public void A_component_importing_a_csharp_interface_and_wasi_calls_both()
    {
        // calculate(a, b) = a * host.factor() + b + CALC_BIAS (unset: wasi-libc reads the environment through WASI).
        Assert.Equal(25, _imports.Calculate(6, 7));
        _calculator.Factor = () => -2;
        Assert.Equal(-5, _imports.Calculate(6, 7));
        _calculator.Factor = () => throw new InvalidOperationException("no factor today");
        var error = Assert.Throws<WippyException>(() => _imports.Calculate(6, 7));
        Assert.Equal("imports:calculate", error.EntryId);
        Assert.Contains("the import 'wippy:calculator/host#factor' failed: InvalidOperationException: no factor today", error.Message);
        _calculator.Factor = () => 10;
        Assert.Equal(67, _imports.Calculate(6, 7)); // a fresh instance serves on
    }

    [Fact]
    public void A_bad_value_from_the_implementation_is_an_invalid_error_naming_its_path()
    {
        _host.ScaleWith = (_, _) => [new Pair(null!, 1)];
        var error = Assert.Throws<WippyException>(() => _imports.Total([new Pair("a", 1)], 2));
        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Contains("the import 'wippy:imports/host#scale': result[0].key: expected a string, got null", error.Message);
    }

    [Fact]
    public void A_bad_argument_is_refused_before_the_guest_runs()
    {
        var error = Assert.Throws<WippyException>(() => _imports.Total([new Pair("a", 1), null!], 2));
        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Equal("imports:total: items[1]: expected a record, got null", error.Message);
        Assert.Empty(_host.Seen);
    }

    [Fact]
    public void An_import_that_is_never_called_needs_no_implementation()
    {
        using var bare = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry });
        var imports = new ImportsFunctions(bare);
        Assert.Equal(7, imports.Noop());
        Assert.Equal(7u, imports.QuietWasi()); // imports wasi:cli/environment too, and never calls it
    }

    [Fact]
    public void Calling_an_import_without_implementation_fails_naming_it_and_what_to_register()
    {
        using var bare = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry });
        var imports = new ImportsFunctions(bare);
        var error = Assert.Throws<WippyException>(() => imports.Run(1));
        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.Equal("imports:run: the component called the import 'test:minimal/host#add', which has no implementation: register an implementation of Wippy.Host.Tests.Imports.IMinimalHost (or of Wippy.Host.Tests.Imports.IMinimalHostAsync) in the app's services", error.Message);
        // The failed instance is dropped; the entry keeps serving (and fails the same way).
        Assert.Equal(ErrorKind.Unavailable, Assert.Throws<WippyException>(() => imports.Run(2)).Kind);
        Assert.Equal(7, imports.Noop());
    }

    [Fact]
    public void The_command_line_calls_through_the_component_model_too()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = Wippy.Host.Cli.WippyApp.Run(["call", "imports:quiet_wasi"], WippyRegistry.CreateManifest(), stdout, stderr,
            new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry });
        Assert.Equal((0, "7\n", ""), (exit, stdout.ToString(), stderr.ToString()));
    }

    [Fact]
    public void The_command_lines_call_and_check_reach_the_implementations_the_app_registers()
    {
        // WippyApp.Run(args, manifest, services => …): what run's host gets, call and check get too.
        var minimal = new Minimal();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = Wippy.Host.Cli.WippyApp.Run(["call", "imports:run", "5"], WippyRegistry.CreateManifest(), stdout, stderr,
            new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry }, CancellationToken.None, services => services.AddSingleton<IMinimalHost>(minimal));
        Assert.Equal((0, "12\n", ""), (exit, stdout.ToString(), stderr.ToString()));
        Assert.Equal(1, minimal.Calls);
        stdout = new StringWriter();
        Wippy.Host.Cli.WippyApp.Run(["check"], WippyRegistry.CreateManifest(), stdout, new StringWriter(),
            new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry }, CancellationToken.None, services => services.AddSingleton<IMinimalHost>(minimal));
        Assert.DoesNotContain("imports:run: nothing implements", stdout.ToString()); // implemented now
        Assert.Contains("imports:greet: nothing implements", stdout.ToString()); // (its IImportsHost is not registered here)

        // Without them the import is a stub: the same call fails, naming what to register.
        stderr = new StringWriter();
        exit = Wippy.Host.Cli.WippyApp.Run(["call", "imports:run", "5"], WippyRegistry.CreateManifest(), new StringWriter(), stderr,
            new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry });
        Assert.Equal(1, exit);
        Assert.Contains("register an implementation of", stderr.ToString());
    }

    [Fact]
    public async Task Async_calls_through_the_component_model()
    {
        Assert.Equal(12, await _imports.RunAsync(5));
        var cancelled = await Assert.ThrowsAsync<OperationCanceledException>(async () => await _imports.RunAsync(5, new CancellationToken(canceled: true)));
        Assert.Equal(ErrorKind.Timeout, Assert.IsType<WippyException>(cancelled.InnerException).Kind);
    }
}
