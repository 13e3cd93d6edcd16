using Wippy.Host.Registry;
using Wippy.Host.Tests.Comp;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Components;

/// <summary>
/// Component entries that fail: garbage results, traps, and entries whose component does not match what the proxy
/// was generated for. Each failure names the entry, and the host keeps serving.
/// </summary>
public sealed class ComponentErrorTests(ComponentFixture fixture) : IClassFixture<ComponentFixture>
{
    private readonly CompFunctions _c = fixture.Comp;

    public static TheoryData<string, string, Action<CompFunctions>> BadResults => new()
    {
        { "comp:bad_string_pointer", "outside memory", c => c.BadStringPointer() },
        { "comp:bad_string_utf8", "not valid UTF-8", c => c.BadStringUtf8() },
        { "comp:bad_list_alignment", "not aligned to 4", c => c.BadListAlignment() },
        { "comp:bad_enum", "discriminant 7 names no case", c => c.BadEnum() },
        { "comp:bad_option", "discriminant 2 names no case", c => c.BadOption() },
        { "comp:bad_variant", "discriminant 9 names no case", c => c.BadVariant() },
        { "comp:bad_char", "not a Unicode scalar value", c => c.BadChar() },
    };

    [Theory]
    [MemberData(nameof(BadResults))]
    public void A_component_returning_garbage_fails_the_call(string entry, string reason, Action<CompFunctions> call)
    {
        var error = Assert.Throws<WippyException>(() => call(_c));
        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Equal(entry, error.EntryId);
        Assert.Contains(reason, error.Message);
        Assert.Equal("still here", _c.EchoString("still here"));
    }

    [Fact]
    public void A_trap_fails_the_call_and_the_entry_keeps_serving()
    {
        var error = Assert.Throws<WippyException>(() => _c.TrapBoom());
        Assert.Equal(ErrorKind.Trap, error.Kind);
        Assert.Equal("comp:trap_boom", error.EntryId);
        Assert.Contains("unreachable", error.Message);
        // The trapped instance was dropped: the next call runs on a fresh one and traps the same way (not "cannot enter").
        Assert.Equal(ErrorKind.Trap, Assert.Throws<WippyException>(() => _c.TrapBoom()).Kind);
        Assert.Equal(1u, _c.TrapOk());
        Assert.Equal(ErrorKind.Trap, Assert.Throws<WippyException>(() => _c.Trap()).Kind);
        Assert.Equal(5, _c.Add(2, 3));
    }

    [Fact]
    public void A_bad_argument_names_its_path() =>
        Assert.Contains("p.name: expected a string, got null",
            Assert.Throws<WippyException>(() => _c.EchoPerson(new Person(null!, 1, [], null, new Point(0, 0)))).Message);

    /// <summary>A runtime whose entry comp:add is changed by <paramref name="change"/> (as if the binary or the build had changed).</summary>
    private static WippyException LoadErrorOf(Func<FunctionDescriptor, FunctionDescriptor> change)
    {
        var manifest = WippyRegistry.CreateManifest();
        var entries = manifest.Entries.Select(e => e.Id == "comp:add" ? change((FunctionDescriptor)e) : e).ToList();
        using var runtime = new WippyRuntime(new RegistryManifest(entries), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry });
        var handle = runtime.GetFunction("comp:add");
        Assert.False(handle.IsLoaded);
        var error = handle.LoadError!;
        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.Equal("comp:add", error.EntryId);
        Assert.Equal(error.Kind, Assert.Throws<WippyException>(() => new CompFunctions(runtime).Add(1, 2)).Kind);
        return error;
    }

    [Fact]
    public void A_method_the_component_does_not_export_fails_the_entry_with_the_list_of_exports()
    {
        var error = LoadErrorOf(d => Descriptors.With(d, component: d.Component! with { Method = "echo#nope" }));
        Assert.Contains("the component exports no function 'echo#nope'; write one of: add, wippy:test/echo#echo-bool,", error.Message);
    }

    [Fact]
    public void A_component_whose_type_differs_from_the_proxy_fails_the_entry()
    {
        var error = LoadErrorOf(d => Descriptors.With(d, component: d.Component! with { Fingerprint = "func(u32, u32) -> u32" }));
        Assert.Contains("the component's function 'add' has the type func(s32, s32) -> s32, but the proxy was generated for func(u32, u32) -> u32", error.Message);
    }

    [Fact]
    public void A_core_module_where_a_component_was_expected_fails_the_entry()
    {
        var error = LoadErrorOf(d => Descriptors.With(d, source: ModuleSource.Wat("(module (func (export \"add\") (param i32 i32) (result i32) local.get 0))")));
        Assert.Contains("is not a WebAssembly component", error.Message);
    }

    [Fact]
    public void A_tampered_component_fails_its_hash_check()
    {
        var error = LoadErrorOf(d => Descriptors.With(d, source: ModuleSource.FromFs(d.Source.FsId!, d.Source.Path!, "sha256:" + new string('0', 64))));
        Assert.Contains("hash mismatch", error.Message);
    }
}
