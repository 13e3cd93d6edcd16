using Wippy.Modules.Components;
using static Wippy.Abstractions.Tests.Components.ComponentFixtures;

namespace Wippy.Abstractions.Tests.Components;

/// <summary>
/// The core wiring of real components (<see cref="ComponentBinary.CorePlan"/>): for each core instantiation, where each
/// import comes from, as the component's own instructions say.
/// </summary>
public sealed class ComponentCorePlanTests
{
    private const string Imports = "tests/guests/components/imports/imports.wasm";
    private const string Calculator = "tests/guests/wasi/calculator/calculator.wasm";
    private const string Probe = "tests/guests/wasi/probe.wasm";

    private static ComponentCorePlan Plan(string file) => ComponentBinaryReader.Read(Load(file)).Component!.CorePlan;

    private static string Show(CoreImportSource source) => source switch
    {
        FromCoreExport e => $"{source.Module}#{source.Name} <- instance {e.Instance} export {e.Export}",
        FromLower l => $"{source.Module}#{source.Name} <- lower {l.Lower}",
        FromBuiltin b => $"{source.Module}#{source.Name} <- {b.Builtin}",
        FromUnknown u => $"{source.Module}#{source.Name} <- ? {u.Why}",
        _ => "?",
    };

    [Fact]
    public void A_component_without_imports_is_one_instantiation_of_one_module()
    {
        var plan = Plan(Echo);
        var only = Assert.Single(plan.Instantiations);
        Assert.Equal((0, 0), (only.Instance, only.Module));
        Assert.Empty(only.Imports);
        Assert.Empty(plan.Lowers);
        Assert.Null(plan.Problem);
    }

    [Fact]
    public void A_scalar_host_import_is_lowered_straight_into_the_core_module()
    {
        var plan = Plan(Run);
        var main = Assert.Single(plan.Instantiations);
        Assert.Equal(["test:minimal/host#add <- lower 0"], main.Imports.Select(Show));
        Assert.Equal(new ComponentLower("test:minimal/host", "add", "utf8", false, null, null), Assert.Single(plan.Lowers));
        Assert.Null(plan.Problem);
    }

    [Fact]
    public void A_lift_names_the_instance_exporting_the_function_and_its_memory_and_realloc()
    {
        var binary = ComponentBinaryReader.Read(Load(Imports)).Component!;
        var main = binary.CorePlan.Instantiations[1].Instance; // after the shim
        var lift = binary.FindFunction("greet")!.Lift!;
        Assert.Equal((main, "greet"), (lift.CoreInstance, lift.CoreExport));
        Assert.Equal(new CoreExportRef(main, "memory"), lift.Memory);
        Assert.Equal(new CoreExportRef(main, "cabi_realloc"), lift.Realloc);
        Assert.Equal(new CoreExportRef(main, "cabi_post_greet"), lift.PostReturn);
        // A scalar function needs neither memory nor realloc.
        var scalar = ComponentBinaryReader.Read(Load(Run)).Component!;
        var run = scalar.FindFunction("run")!.Lift!;
        Assert.Equal((scalar.CorePlan.Instantiations[0].Instance, "run", null, null, null), (run.CoreInstance, run.CoreExport, run.Memory, run.Realloc, run.PostReturn));
    }

    [Fact]
    public void String_imports_go_through_a_shim_table_that_a_fixup_module_fills_with_the_lowered_functions()
    {
        var plan = Plan(Imports);
        Assert.Null(plan.Problem);
        Assert.Equal(3, plan.Instantiations.Count); // the shim (a table of trampolines), the main module, the fixup
        var (shim, main, fixup) = (plan.Instantiations[0], plan.Instantiations[1], plan.Instantiations[2]);
        Assert.Empty(shim.Imports);
        // The main module's imports that pass memory come from the shim's trampolines; the fixup puts the lowered
        // functions, whose memory and realloc are the main module's, into the shim's table.
        Assert.Contains(main.Imports, i => i is FromCoreExport e && e.Instance == shim.Instance);
        Assert.Contains(fixup.Imports, i => i is FromCoreExport { Kind: "table" } e && e.Instance == shim.Instance);
        Assert.All(fixup.Imports.Where(i => i.Kind == "func"), i => Assert.IsType<FromLower>(i));
        Assert.Contains(plan.Lowers, l => l.Memory == (main.Instance, "memory") && l.Realloc == (main.Instance, "cabi_realloc"));
        Assert.All(plan.Lowers, l => Assert.Equal("wippy:imports/host", l.Import));
    }

    [Fact]
    public void An_adapted_wasi_component_wires_the_adapter_and_names_the_imported_resource_each_drop_is_of()
    {
        var plan = Plan(Calculator);
        var main = plan.Instantiations.Single(i => i.Imports.Any(x => x.Module == "wippy:calculator/host"));
        Assert.IsType<FromLower>(main.Imports.Single(i => i.Name == "factor"));
        var adapter = plan.Instantiations.Single(i => i.Imports.Any(x => x.Module == "wasi:cli/environment@0.2.12"));
        // The adapter's memory is the main module's own.
        Assert.Equal($"env#memory <- instance {main.Instance} export memory", Show(adapter.Imports.Single(i => i.Kind == "memory")));
        Assert.Contains(plan.Lowers, l => l is { Import: "wasi:cli/environment@0.2.12", Function: "get-environment" });
        // Each resource.drop names the imported resource type it drops (followed through the component's type aliases),
        // so the host can serve it: the plan is complete.
        var drops = adapter.Imports.OfType<FromBuiltin>().ToList();
        Assert.All(drops, d => Assert.Equal("resource.drop", d.Builtin));
        Assert.Contains(drops, d => d is { Name: "[resource-drop]error", Resource: "wasi:io/error@0.2.12#error" });
        Assert.Contains(drops, d => d is { Name: "[resource-drop]output-stream", Resource: "wasi:io/streams@0.2.12#output-stream" });
        Assert.Null(plan.Problem);
    }

    [Fact]
    public void Every_instantiation_of_the_wasi_probe_resolves_each_import()
    {
        var plan = Plan(Probe);
        Assert.NotEmpty(plan.Lowers);
        Assert.All(plan.Instantiations.SelectMany(i => i.Imports), i => Assert.IsNotType<FromUnknown>(i));
        Assert.All(plan.Instantiations.SelectMany(i => i.Imports).OfType<FromBuiltin>(), d => Assert.StartsWith("wasi:", d.Resource));
        Assert.Contains(plan.Instantiations.SelectMany(i => i.Imports), i => i is FromBuiltin { Resource: "wasi:filesystem/types@0.2.12#descriptor" });
        Assert.Null(plan.Problem);
    }

    [Fact]
    public void A_damaged_component_gives_a_problem_not_an_exception()
    {
        // An instance section whose only entry has an unknown form.
        var bytes = Build((2, Cat(1, 0x07)));
        var binary = ComponentBinaryReader.Read(bytes).Component;
        Assert.NotNull(binary);
        Assert.Contains("could not be followed", binary.CorePlan.Problem);
    }

    [Fact]
    public void An_export_ascribed_a_fresh_resource_type_is_followed()
    {
        // An imported resource type "r" (type 0), re-exported as "r2" with the ascription (type (sub resource)): the
        // bound 0x01 has no type index after it, and the export section must be read on past it.
        var imports = Cat(1, 0x00, "r", 0x03, 0x01);
        var exports = Cat(1, 0x00, "r2", 0x03, 0, 0x01, 0x03, 0x01);
        var binary = ComponentBinaryReader.Read(Build((10, imports), (11, exports))).Component;
        Assert.NotNull(binary);
        Assert.Null(binary.CorePlan.Problem);
        Assert.Equal("it holds 0 core modules (adapters or shims)", binary.DirectCallProblem);
    }
}
