using System.Runtime.InteropServices;
using Wippy.Host.GeneratedCode;
using Wippy.Host.Native;
using Wippy.Host.Native.Components;
using Wippy.Host.Native.Interop;

namespace Wippy.Host.Tests.Native.Components;

/// <summary>
/// Checks the component struct copies against the shipped native library: sizes, and canary bytes after each
/// struct Wasmtime fills, proving it writes no more than we reserve (the 24-byte <c>wasmtime_component_func_t</c>
/// of the stored header was wrong for 50.0.1: it writes 32 bytes).
/// </summary>
public sealed unsafe class ComponentLayoutTests
{
    [Fact]
    public void Struct_sizes_match_the_library()
    {
        Assert.Equal(32, sizeof(ComponentVal));
        Assert.Equal(8, AlignOf<ComponentVal>());
        Assert.Equal(48, sizeof(ComponentRecordField));
        Assert.Equal(16, sizeof(WasmtimeComponentInstance));
        Assert.Equal(32, sizeof(WasmtimeComponentFunc));
        Assert.Equal(16, sizeof(WasmtimeComponentValType));
    }

    [Fact]
    public void ComponentVal_union_offsets_match_val_h()
    {
        ComponentVal v = ComponentVal.S64(0x1122334455667788);
        byte* p = (byte*)&v;
        Assert.Equal((byte)ComponentValKind.S64, p[0]);
        Assert.Equal(0x1122334455667788, *(long*)(p + 8)); // union at offset 8

        using var arena = new ComponentValArena();
        ComponentVal s = arena.String("abc");
        p = (byte*)&s;
        Assert.Equal(3UL, *(ulong*)(p + 8)); // wasm_name_t.size
        Assert.Equal((byte)'a', **(byte**)(p + 16)); // wasm_name_t.data

        ComponentVal variant = arena.Variant("c", ComponentVal.U8(9));
        p = (byte*)&variant;
        Assert.Equal(1UL, *(ulong*)(p + 8));
        Assert.Equal(9, (*(ComponentVal**)(p + 24))->AsU8()); // payload pointer after the 16-byte name

        ComponentVal result = arena.Err(ComponentVal.U8(4));
        p = (byte*)&result;
        Assert.Equal(0, p[8]); // is_ok
        Assert.Equal(4, (*(ComponentVal**)(p + 16))->AsU8());
    }

    [Fact]
    public void Wasmtime_writes_no_more_than_our_instance_func_valtype_and_value_structs()
    {
        using var engine = new WasmEngine();
        using WasmComponent component = WasmComponent.FromText(engine, ComponentGuests.Kitchen);
        using var linker = new WasmComponentLinker(engine);
        using var store = new WasmStore(engine);

        const int Room = 96;
        byte* instance = stackalloc byte[Room];
        new Span<byte>(instance, Room).Fill(0xCD);
        NativeErrors.ThrowIfError(ComponentApi.wasmtime_component_linker_instantiate(
            GetLinkerHandle(linker), store.Context, component.Handle, (WasmtimeComponentInstance*)instance));
        AssertUntouched(instance, sizeof(WasmtimeComponentInstance), Room);

        using WasmComponentExportIndex? index = component.GetExportIndex("echo");
        Assert.NotNull(index);
        byte* func = stackalloc byte[Room];
        new Span<byte>(func, Room).Fill(0xCD);
        Assert.True(ComponentApi.wasmtime_component_instance_get_func(
            (WasmtimeComponentInstance*)instance, store.Context, index.Handle, (WasmtimeComponentFunc*)func));
        AssertUntouched(func, sizeof(WasmtimeComponentFunc), Room);
        Assert.NotEqual(unchecked((long)0xCDCDCDCDCDCDCDCD), *(long*)(func + 24)); // the field the old header lacks

        nint type = ComponentApi.wasmtime_component_func_type((WasmtimeComponentFunc*)func, store.Context);
        try
        {
            Assert.Equal(1u, (uint)ComponentApi.wasmtime_component_func_type_param_count(type));
            byte* valType = stackalloc byte[Room];
            new Span<byte>(valType, Room).Fill(0xCD);
            Assert.True(ComponentApi.wasmtime_component_func_type_result(type, (WasmtimeComponentValType*)valType));
            AssertUntouched(valType, sizeof(WasmtimeComponentValType), Room);
            Assert.Equal(12, valType[0]); // WASMTIME_COMPONENT_VALTYPE_STRING
            ComponentApi.wasmtime_component_valtype_delete((WasmtimeComponentValType*)valType);
        }
        finally
        {
            ComponentApi.wasmtime_component_func_type_delete(type);
        }

        // One result slot followed by canary bytes: Wasmtime writes exactly one 32-byte value.
        using var arena = new ComponentValArena();
        ComponentVal arg = arena.String("layout");
        byte* results = stackalloc byte[Room];
        new Span<byte>(results, Room).Fill(0xCD);
        new Span<byte>(results, sizeof(ComponentVal)).Clear();
        NativeErrors.ThrowIfError(ComponentApi.wasmtime_component_func_call(
            (WasmtimeComponentFunc*)func, store.Context, &arg, 1, (ComponentVal*)results, 1));
        AssertUntouched(results, sizeof(ComponentVal), Room);
        Assert.Equal("layout", ((ComponentVal*)results)->AsString());
        ComponentVal.Release(new Span<ComponentVal>(results, 1));
    }

    private static WasmtimeComponentLinkerHandle GetLinkerHandle(WasmComponentLinker linker) => linker.NativeHandle;

    private static void AssertUntouched(byte* buffer, int used, int total)
    {
        for (int i = used; i < total; i++)
        {
            Assert.True(buffer[i] == 0xCD, $"byte {i} past the {used}-byte struct was written");
        }
    }

    private static int AlignOf<T>()
        where T : unmanaged => sizeof(AlignHelper<T>) - sizeof(T);

    [StructLayout(LayoutKind.Sequential)]
    private struct AlignHelper<T>
        where T : unmanaged
    {
        public byte Pad;
        public T Value;
    }
}
