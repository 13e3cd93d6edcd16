using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Wippy.Host.GeneratedCode;
using Wippy.Host.Native;
using Wippy.Host.Native.Interop;

namespace Wippy.Host.Tests.Native;

/// <summary>
/// Checks the struct copies against the native library itself: sizes from the headers, and canary bytes after
/// each struct that Wasmtime writes to prove it writes no more than we reserve.
/// </summary>
public sealed unsafe class LayoutTests
{
    [Fact]
    public void Struct_sizes_match_the_headers()
    {
        Assert.Equal(16, sizeof(ValueRaw));
        Assert.Equal(8, AlignOf<ValueRaw>());
        Assert.Equal(16, sizeof(WasmByteVec));
        Assert.Equal(16, sizeof(WasmPtrVec));
        Assert.Equal(16, sizeof(WasmtimeFunc));
        Assert.Equal(24, sizeof(WasmtimeMemory));
        Assert.Equal(16, sizeof(WasmtimeInstance));
        Assert.Equal(32, sizeof(WasmtimeExtern));
        Assert.Equal(8, (int)Marshal.OffsetOf<WasmtimeExtern>(nameof(WasmtimeExtern.Func)));
        Assert.Equal(32, sizeof(WasmtimeValType));
    }

    [Fact]
    public void ValueRaw_fields_overlay_at_offset_zero()
    {
        ValueRaw raw = ValueRaw.FromI64(0x1122334455667788);
        Assert.Equal(0x55667788, raw.I32);
        Assert.Equal(BitConverter.SingleToInt32Bits(1.5f), ValueRaw.FromF32(1.5f).I32);
        Assert.Equal(BitConverter.DoubleToInt64Bits(2.5), ValueRaw.FromF64(2.5).I64);
    }

    [Fact]
    public void Wasmtime_writes_no_more_than_our_instance_and_extern_structs()
    {
        using var engine = new WasmEngine();
        using WasmModule module = WasmModule.FromText(engine, Guests.Arithmetic);
        using var store = new WasmStore(engine);

        byte* instanceBuffer = stackalloc byte[64];
        new Span<byte>(instanceBuffer, 64).Fill(0xCD);
        nint trap = 0;
        nint error = WasmtimeApi.wasmtime_instance_new(store.Context, module.Handle, null, 0, (WasmtimeInstance*)instanceBuffer, &trap);
        Assert.Equal(0, error);
        Assert.Equal(0, trap);
        AssertUntouched(instanceBuffer, sizeof(WasmtimeInstance), 64);

        byte* externBuffer = stackalloc byte[96];
        foreach (string name in new[] { "add", "memory", "g", "t" })
        {
            new Span<byte>(externBuffer, 96).Fill(0xCD);
            byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(name);
            fixed (byte* n = utf8)
            {
                Assert.True(WasmtimeApi.wasmtime_instance_export_get(
                    store.Context, (WasmtimeInstance*)instanceBuffer, n, (nuint)utf8.Length, (WasmtimeExtern*)externBuffer));
            }

            AssertUntouched(externBuffer, sizeof(WasmtimeExtern), 96);
            var item = *(WasmtimeExtern*)externBuffer;
            byte expected = name switch
            {
                "add" => WasmtimeExtern.KindFunc,
                "memory" => WasmtimeExtern.KindMemory,
                "g" => WasmtimeExtern.KindGlobal,
                _ => WasmtimeExtern.KindTable,
            };
            Assert.Equal(expected, item.Kind);
            Assert.NotEqual(0UL, item.Func.StoreId);
            WasmtimeApi.wasmtime_extern_delete(&item);
        }
    }

    [Fact]
    public void A_function_called_through_our_copy_of_the_struct_runs()
    {
        using var engine = new WasmEngine();
        using WasmModule module = WasmModule.FromText(engine, Guests.Arithmetic);
        using var store = new WasmStore(engine);
        WasmInstance instance = WasmInstance.Instantiate(store, module);
        Assert.True(instance.TryGetFunction("add", out WasmFunction add));

        WasmFunction copy = add; // struct copy of wasmtime_func_t
        Span<ValueRaw> slots = [ValueRaw.FromI32(20), ValueRaw.FromI32(22), ValueRaw.FromI32(-1)];
        copy.CallUnchecked(slots);
        Assert.Equal(42, slots[0].I32);
        Assert.Equal(-1, slots[2].I32); // slots past max(params, results) are left alone
    }

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
