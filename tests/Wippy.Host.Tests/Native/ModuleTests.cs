using Wippy.Host.GeneratedCode;
using Wippy.Host.Native;

namespace Wippy.Host.Tests.Native;

public sealed class ModuleTests
{
    [Fact]
    public void FromText_lists_exports_in_order_with_kinds_and_function_types()
    {
        using var engine = new WasmEngine();
        using WasmModule module = WasmModule.FromText(engine, Guests.Arithmetic);

        Assert.Equal(
            ["add", "mul64", "half32", "sqrt64", "swap", "three", "nothing", "g", "t", "memory"],
            module.Exports.Select(e => e.Name));
        Assert.Equal(WasmExternKind.Global, module.Exports[7].Kind);
        Assert.Equal(WasmExternKind.Table, module.Exports[8].Kind);
        Assert.Equal(WasmExternKind.Memory, module.Exports[9].Kind);
        Assert.Null(module.Exports[9].FunctionType);

        Assert.True(module.TryGetExport("add", out WasmExportInfo? add));
        Assert.Equal(WasmExternKind.Func, add.Kind);
        Assert.Equal(new WasmFuncType([WasmValKind.I32, WasmValKind.I32], [WasmValKind.I32]), add.FunctionType);
        Assert.Equal("(i32, i32) -> (i32)", add.FunctionType!.ToString());

        Assert.True(module.TryGetExport("swap", out WasmExportInfo? swap));
        Assert.Equal([WasmValKind.I32, WasmValKind.I64], swap.FunctionType!.Params);
        Assert.Equal([WasmValKind.I64, WasmValKind.I32], swap.FunctionType.Results);

        Assert.True(module.TryGetExport("three", out WasmExportInfo? three));
        Assert.Equal(3, three.FunctionType!.SlotCount);
        Assert.Equal([WasmValKind.I32, WasmValKind.I64, WasmValKind.F64], three.FunctionType.Results);

        Assert.False(module.TryGetExport("missing", out _));
        Assert.Empty(module.Imports);
    }

    [Fact]
    public void Reference_and_vector_types_are_read_without_aborting()
    {
        // wasm_valtype_kind would abort the process on v128 and anyref; TypeReader must not use it.
        using var engine = new WasmEngine();
        using WasmModule module = WasmModule.FromText(engine, """
            (module
              (type $ft (func))
              (func (export "refs") (param funcref externref anyref v128 (ref null $ft) i31ref) (result eqref)
                ref.null eq))
            """);

        WasmFuncType type = module.Exports[0].FunctionType!;
        Assert.Equal(
            [WasmValKind.FuncRef, WasmValKind.ExternRef, WasmValKind.AnyRef, WasmValKind.V128, WasmValKind.FuncRef, WasmValKind.I31Ref],
            type.Params);
        Assert.Equal([WasmValKind.EqRef], type.Results);
    }

    [Fact]
    public void Imports_are_listed_with_module_name_kind_and_type()
    {
        using var engine = new WasmEngine();
        using WasmModule module = WasmModule.FromText(engine, Guests.WithImports);

        Assert.Equal(4, module.Imports.Count);
        WasmImportInfo log = module.Imports[0];
        Assert.Equal(("env", "log", WasmExternKind.Func), (log.Module, log.Name, log.Kind));
        Assert.Equal(new WasmFuncType([WasmValKind.I32, WasmValKind.I64], [WasmValKind.F32]), log.FunctionType);
        Assert.Equal(("env", "mem", WasmExternKind.Memory), (module.Imports[1].Module, module.Imports[1].Name, module.Imports[1].Kind));
        Assert.Equal("wasi_snapshot_preview1", module.Imports[2].Module);
        Assert.Equal(WasmExternKind.Global, module.Imports[3].Kind);
    }

    [Fact]
    public void FromBytes_compiles_a_binary()
    {
        // (module (func (export "f") (result i32) i32.const 42))
        byte[] wasm =
        [
            0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
            0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f,
            0x03, 0x02, 0x01, 0x00,
            0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00,
            0x0a, 0x06, 0x01, 0x04, 0x00, 0x41, 0x2a, 0x0b,
        ];
        Assert.True(WasmBinaryHeader.IsCoreModule(wasm));

        using var engine = new WasmEngine();
        using WasmModule module = WasmModule.FromBytes(engine, wasm);
        using var store = new WasmStore(engine);
        WasmInstance instance = WasmInstance.Instantiate(store, module);
        Assert.True(instance.TryGetFunction("f", out WasmFunction f));
        Span<ValueRaw> slots = stackalloc ValueRaw[1];
        f.CallUnchecked(slots);
        Assert.Equal(42, slots[0].I32);
    }

    [Fact]
    public void Invalid_text_reports_line_and_column()
    {
        using var engine = new WasmEngine();
        var ex = Assert.Throws<WasmCompileException>(() => WasmModule.FromText(engine, "(module\n  (func (export \"f\")\n    i32.bogus))"));

        Assert.Contains("--> <anon>:3:5", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, ex.Line);
        Assert.Equal(5, ex.Column);
    }

    [Fact]
    public void Text_that_parses_but_does_not_validate_is_a_compile_error()
    {
        using var engine = new WasmEngine();
        var ex = Assert.Throws<WasmCompileException>(
            () => WasmModule.FromText(engine, "(module (func (result i32) i64.const 1))"));

        Assert.Contains("type mismatch", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.Offset);
        Assert.Null(ex.Line);
    }

    [Fact]
    public void Invalid_bytes_throw_a_wasmtime_exception_with_wasmtime_message()
    {
        using var engine = new WasmEngine();
        var ex = Assert.Throws<WasmCompileException>(
            () => WasmModule.FromBytes(engine, [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0xff]));
        Assert.Contains("malformed section id", ex.Message, StringComparison.Ordinal);
        Assert.Equal(8, ex.Offset);

        WasmtimeException garbage = Assert.ThrowsAny<WasmtimeException>(() => WasmModule.FromBytes(engine, "hello"u8));
        Assert.Contains("magic", garbage.Message, StringComparison.OrdinalIgnoreCase);

        Assert.ThrowsAny<WasmtimeException>(() => WasmModule.FromBytes(engine, []));
    }

    [Fact]
    public void Serialize_then_deserialize_round_trips()
    {
        using var engine = new WasmEngine();
        byte[] serialized;
        using (WasmModule module = WasmModule.FromText(engine, Guests.Arithmetic))
        {
            serialized = module.Serialize();
        }

        Assert.NotEmpty(serialized);
        using WasmModule loaded = WasmModule.Deserialize(engine, serialized);
        Assert.Equal(10, loaded.Exports.Count);
        using var store = new WasmStore(engine);
        Assert.True(WasmInstance.Instantiate(store, loaded).TryGetFunction("add", out WasmFunction add));
        Span<ValueRaw> slots = [ValueRaw.FromI32(2), ValueRaw.FromI32(3)];
        add.CallUnchecked(slots);
        Assert.Equal(5, slots[0].I32);

        Assert.ThrowsAny<WasmtimeException>(() => WasmModule.Deserialize(engine, [1, 2, 3, 4]));
    }

    [Fact]
    public void Disposed_module_throws_object_disposed()
    {
        using var engine = new WasmEngine();
        WasmModule module = WasmModule.FromText(engine, "(module)");
        module.Dispose();
        module.Dispose();
        Assert.Throws<ObjectDisposedException>(() => module.Serialize());
    }
}
