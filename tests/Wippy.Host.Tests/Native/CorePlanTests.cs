using System.Text;
using Wippy.Host.GeneratedCode;
using Wippy.Host.Native;
using Wippy.Host.Tests.Support;
using Wippy.Modules.Components;

namespace Wippy.Host.Tests.Native;

/// <summary>
/// Real components run as their core plans say (<see cref="CorePlanInstantiator"/>), their imports lowered by hand in
/// C# (what generated code will do): the wiring, including wit-component's shim and fixup modules, works on Wasmtime's
/// core API, and the results are those the component model gives (ComponentImportTests calls the same guests so).
/// </summary>
public sealed unsafe class CorePlanTests : IDisposable
{
    private readonly WasmEngine _engine = new();
    private readonly List<IDisposable> _owned = [];

    public void Dispose()
    {
        for (var i = _owned.Count - 1; i >= 0; i--) _owned[i].Dispose();
        _engine.Dispose();
    }

    private (ComponentCorePlan Plan, IReadOnlyDictionary<int, WasmInstance> Instances) Run(string file, Func<string, CorePlanInstantiator.LoweredFunction> lowered)
    {
        var binary = ComponentBinaryReader.Read(File.ReadAllBytes(RepoPaths.Combine(file.Split('/')))).Component!;
        var plan = binary.CorePlan;
        var modules = binary.CoreModules.Select(bytes => WasmModule.FromBytes(_engine, bytes)).ToList();
        _owned.AddRange(modules);
        var store = new WasmStore(_engine);
        _owned.Add(store);
        return (plan, CorePlanInstantiator.Instantiate(store, plan, modules, i => lowered(plan.Lowers[i].Function)));
    }

    private static WasmFunction Export(IReadOnlyDictionary<int, WasmInstance> instances, string name) =>
        instances.Values.Select(i => i.TryGetFunction(name, out var f) ? f : (WasmFunction?)null).Single(f => f is not null)!.Value;

    [Fact]
    public void A_scalar_import_lowered_in_csharp_serves_the_guest()
    {
        var calls = 0;
        var (_, instances) = Run("tests/guests/components/host-import/run.wasm", function =>
        {
            Assert.Equal("add", function);
            return slots =>
            {
                calls++;
                slots[0].I32 = slots[0].I32 + slots[1].I32;
            };
        });
        Span<ValueRaw> slots = stackalloc ValueRaw[1];
        slots[0].I32 = 5;
        Export(instances, "run").CallUnchecked(slots);
        Assert.Equal(12, slots[0].I32); // run(x) = host.add(x, 1) * 2, as through the component model
        Assert.Equal(1, calls);
    }

    [Fact]
    public void String_imports_through_the_shim_and_fixup_modules_read_and_write_guest_memory()
    {
        var logged = new List<string>();
        WasmInstance? main = null;
        var (_, instances) = Run("tests/guests/components/imports/imports.wasm", function => function switch
        {
            // lookup(key: string) -> option<string>: (ptr, len, retptr); some("Howdy") for "greeting", through the
            // guest's own cabi_realloc, called from inside this import.
            "lookup" => slots =>
            {
                var key = ReadString(main!, (uint)slots[0].I32, (uint)slots[1].I32);
                var ret = (uint)slots[2].I32;
                if (key != "greeting")
                {
                    Write(main!, ret, 0);
                    return;
                }
                var (ptr, len) = WriteString(main!, "Howdy");
                Write(main!, ret, 1);
                Write(main!, ret + 4, ptr);
                Write(main!, ret + 8, len);
            },
            // log(lvl: level, msg: string): (lvl, ptr, len).
            "log" => slots => logged.Add($"{slots[0].I32} {ReadString(main!, (uint)slots[1].I32, (uint)slots[2].I32)}"),
            _ => _ => throw new InvalidOperationException("not called by greet"),
        });
        main = instances.Values.Single(i => i.TryGetFunction("greet", out _));

        var (name, nameLength) = WriteString(main, "Ann");
        Span<ValueRaw> slots = stackalloc ValueRaw[2];
        slots[0].I32 = (int)name;
        slots[1].I32 = (int)nameLength;
        Export(instances, "greet").CallUnchecked(slots);
        var result = (uint)slots[0].I32;
        Assert.Equal("Howdy, Ann!", ReadString(main, Read(main, result), Read(main, result + 4)));
        Assert.Equal(["1 greeted Ann"], logged); // level info = 1

        Span<ValueRaw> none = stackalloc ValueRaw[1];
        Export(instances, "quiet").CallUnchecked(none);
        Assert.Equal(7, none[0].I32);
    }

    [Fact]
    public void An_exception_in_a_lowered_import_fails_the_guests_call_with_it()
    {
        var (_, instances) = Run("tests/guests/components/host-import/run.wasm", _ => _ => throw new InvalidOperationException("no adding today"));
        Span<ValueRaw> slots = stackalloc ValueRaw[1];
        slots[0].I32 = 5;
        var run = Export(instances, "run");
        try
        {
            run.CallUnchecked(slots);
            Assert.Fail("the call should have failed");
        }
        catch (WasmtimeException)
        {
            Assert.Equal("no adding today", Assert.IsType<InvalidOperationException>(HostCallFailure.Take()).Message);
        }
    }

    [Fact]
    public void A_plan_import_the_caller_cannot_give_is_refused_before_anything_runs()
    {
        // The calculator drops WASI handles (resource.drop of wasi:io's types); this caller gives no built-ins.
        var error = Assert.Throws<NotSupportedException>(() => Run("tests/guests/wasi/calculator/calculator.wasm", _ => _ => { }));
        Assert.Contains("the plan cannot give", error.Message);
        Assert.Contains("[resource-drop]", error.Message);
    }

    private static uint Read(WasmInstance instance, uint at)
    {
        Assert.True(instance.TryGetMemory("memory", out var memory));
        return BitConverter.ToUInt32(memory.GetSpan().Slice((int)at, 4));
    }

    private static void Write(WasmInstance instance, uint at, uint value)
    {
        Assert.True(instance.TryGetMemory("memory", out var memory));
        BitConverter.TryWriteBytes(memory.GetSpan().Slice((int)at, 4), value);
    }

    private static string ReadString(WasmInstance instance, uint ptr, uint length)
    {
        Assert.True(instance.TryGetMemory("memory", out var memory));
        return Encoding.UTF8.GetString(memory.GetSpan().Slice((int)ptr, (int)length));
    }

    /// <summary>Allocates with the guest's <c>cabi_realloc</c> and writes <paramref name="value"/> there.</summary>
    private static (uint Ptr, uint Length) WriteString(WasmInstance instance, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Assert.True(instance.TryGetFunction("cabi_realloc", out var realloc));
        Span<ValueRaw> args = stackalloc ValueRaw[4];
        args[2].I32 = 1;
        args[3].I32 = bytes.Length;
        realloc.CallUnchecked(args);
        var ptr = (uint)args[0].I32;
        Assert.True(instance.TryGetMemory("memory", out var memory));
        bytes.CopyTo(memory.GetSpan().Slice((int)ptr));
        return (ptr, (uint)bytes.Length);
    }
}
