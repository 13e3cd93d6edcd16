using Wippy.Modules.Components;
using static Wippy.Abstractions.Tests.Components.ComponentFixtures;

namespace Wippy.Abstractions.Tests.Components;

/// <summary>Malformed input gives an error with an offset; nothing throws and nothing is read out of bounds.</summary>
public sealed class ComponentMalformedTests
{
    private static ComponentReadError Fails(byte[] bytes)
    {
        var result = ComponentBinaryReader.Read(bytes);
        Assert.False(result.Success);
        Assert.Null(result.Component);
        var error = result.Error!;
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.InRange(error.Offset, 0, bytes.Length);
        return error;
    }

    [Fact]
    public void Null_and_empty_inputs_are_errors()
    {
        Assert.False(ComponentBinaryReader.Read(null!).Success);
        Assert.Contains("too short", Fails(Array.Empty<byte>()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_magic_layer_and_version_are_named()
    {
        Assert.Contains("bad magic", Fails(new byte[] { 1, 2, 3, 4, 0x0D, 0, 1, 0 }).Message, StringComparison.Ordinal);
        Assert.Contains("bad magic", Fails(new byte[] { 1, 2, 3, 4, 5 }).Message, StringComparison.Ordinal);
        var layer = Fails(new byte[] { 0, 0x61, 0x73, 0x6D, 0x0D, 0, 2, 0 });
        Assert.Contains("not a component", layer.Message, StringComparison.Ordinal);
        Assert.Equal(6, layer.Offset);
        var version = Fails(new byte[] { 0, 0x61, 0x73, 0x6D, 0x0A, 0, 1, 0 });
        Assert.Contains("unsupported component version", version.Message, StringComparison.Ordinal);
        Assert.Equal(4, version.Offset);
    }

    [Fact]
    public void An_empty_component_is_read()
    {
        var result = ComponentBinaryReader.Read(ComponentPreamble);
        Assert.True(result.Success);
        Assert.Empty(result.Component!.Sections);
        Assert.Empty(result.Component.CoreModules);
    }

    [Fact]
    public void A_bad_leb_section_size_is_an_error_at_its_offset()
    {
        var bytes = ComponentPreamble.Concat(new byte[] { 0x07, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F }).ToArray();
        var error = Fails(bytes);
        Assert.Contains("LEB128", error.Message, StringComparison.Ordinal);
        Assert.Equal(9, error.Offset);

        var unterminated = ComponentPreamble.Concat(new byte[] { 0x07, 0x80, 0x80 }).ToArray();
        Assert.Equal(9, Fails(unterminated).Offset);
    }

    [Fact]
    public void A_section_overrunning_the_file_is_an_error()
    {
        var bytes = ComponentPreamble.Concat(new byte[] { 0x07, 0x10, 0x01 }).ToArray();
        var error = Fails(bytes);
        Assert.Contains("overruns", error.Message, StringComparison.Ordinal);
        Assert.Equal(9, error.Offset);
    }

    [Fact]
    public void An_unknown_section_id_is_an_error()
    {
        var error = Fails(Build((0x2A, new byte[] { 0 })));
        Assert.Contains("unknown section id 42", error.Message, StringComparison.Ordinal);
        Assert.Equal(8, error.Offset);
    }

    [Fact]
    public void A_core_module_section_without_the_core_preamble_is_an_error() =>
        Assert.Contains("core preamble", Fails(Build((1, new byte[] { 1, 2, 3 }))).Message, StringComparison.Ordinal);

    [Fact]
    public void A_malformed_nested_component_is_an_error_inside_it()
    {
        var error = Fails(Build((4, new byte[] { 0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00 })));
        Assert.Contains("not a component", error.Message, StringComparison.Ordinal);
        Assert.Equal(14, error.Offset);
        var nested = Build((4, ComponentPreamble.Concat(new byte[] { 0x0B, 0x05, 0x01 }).ToArray()));
        Assert.Contains("overruns", Fails(nested).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_vector_longer_than_its_section_is_an_error() =>
        Assert.Contains("vector length", Fails(Build((10, new byte[] { 0x7F }))).Message, StringComparison.Ordinal);

    [Fact]
    public void Trailing_bytes_in_a_section_are_an_error()
    {
        // An import section with zero imports and one extra byte.
        Assert.Contains("unread bytes", Fails(Build((10, new byte[] { 0x00, 0x00 }))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_in_a_name_is_an_error()
    {
        var body = Cat(1, 0x00, new byte[] { 2, 0xC3, 0x28 }, 0x01, 0);
        Assert.Contains("UTF-8", Fails(Build((10, body))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_prefix_of_trap_is_an_error_or_ends_on_a_section_boundary()
    {
        var bytes = Load(Trap);
        var full = ComponentBinaryReader.Read(bytes).Component!;
        var boundaries = new HashSet<int>(full.Sections.Select(s => s.Offset + s.Length)) { 8 };
        for (var n = 0; n < bytes.Length; n++)
        {
            var prefix = bytes.Take(n).ToArray();
            var result = ComponentBinaryReader.Read(prefix);
            if (result.Success) Assert.Contains(n, boundaries);
            else Assert.InRange(result.Error!.Offset, 0, n);
        }
    }

    [Theory]
    [InlineData(Trap)]
    [InlineData(Run)]
    [InlineData(Mapper)]
    public void Corrupting_any_byte_never_throws(string path)
    {
        var bytes = Load(path);
        foreach (var value in new byte[] { 0x00, 0xFF, 0x7F, 0x80 })
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                var copy = (byte[])bytes.Clone();
                copy[i] = value;
                var result = ComponentBinaryReader.Read(copy);
                if (!result.Success) Assert.InRange(result.Error!.Offset, 0, copy.Length);
            }
        }
    }

    [Fact]
    public void Random_bytes_after_the_preamble_never_throw()
    {
        var random = new Random(1234);
        for (var i = 0; i < 2000; i++)
        {
            var tail = new byte[random.Next(0, 64)];
            random.NextBytes(tail);
            var bytes = ComponentPreamble.Concat(tail).ToArray();
            var result = ComponentBinaryReader.Read(bytes);
            if (!result.Success) Assert.InRange(result.Error!.Offset, 0, bytes.Length);
        }
    }
}
