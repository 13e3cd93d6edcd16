using Wippy.Host.Native;

namespace Wippy.Host.Tests.Native;

public sealed class BinaryHeaderTests
{
    [Fact]
    public void Core_module_header_is_detected()
    {
        byte[] core = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
        Assert.True(WasmBinaryHeader.HasMagic(core));
        Assert.True(WasmBinaryHeader.IsCoreModule(core));
        Assert.False(WasmBinaryHeader.IsComponent(core));
    }

    [Fact]
    public void Component_header_is_detected()
    {
        byte[] component = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];
        Assert.True(WasmBinaryHeader.IsComponent(component));
        Assert.False(WasmBinaryHeader.IsCoreModule(component));
    }

    [Fact]
    public void Component_made_by_wat2wasm_is_detected()
    {
        // wasmtime_wat2wasm parses component text too; compiling it as a core module must fail.
        using var engine = new WasmEngine();
        byte[] bytes = Wat2Wasm.Convert("(component)");
        Assert.True(WasmBinaryHeader.IsComponent(bytes));
        Assert.False(WasmBinaryHeader.IsCoreModule(bytes));
        Assert.ThrowsAny<WasmtimeException>(() => WasmModule.FromBytes(engine, bytes));

        Assert.True(WasmBinaryHeader.IsCoreModule(Wat2Wasm.Convert("(module)")));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x00, 0x61, 0x73, 0x6d })]
    [InlineData(new byte[] { 0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00 })]
    [InlineData(new byte[] { 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x02, 0x00 })]
    public void Anything_else_is_neither(byte[] bytes)
    {
        Assert.False(WasmBinaryHeader.IsCoreModule(bytes));
        Assert.False(WasmBinaryHeader.IsComponent(bytes));
    }
}
