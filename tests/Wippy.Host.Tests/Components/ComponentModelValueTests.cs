using Wippy.Host.Tests.Cm;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Components;

/// <summary>
/// Every WIT value type, both directions, through Wasmtime's component model: echo-import.wasm is echo.wasm plus an
/// import it never calls, so its calls cannot go straight to the core module and use the generated ComponentVal code.
/// </summary>
public sealed class ComponentModelValueTests(ComponentFixture fixture) : IClassFixture<ComponentFixture>
{
    private readonly CmFunctions _c = new(fixture.Runtime);

    [Fact]
    public void These_entries_use_the_component_model() =>
        Assert.True(fixture.Runtime.GetWasmFunction("cm:echo_person").Descriptor.CallsComponentModel);

    [Fact]
    public void Scalars_at_their_limits()
    {
        Assert.Equal(int.MinValue, _c.Add(int.MaxValue, 1));
        Assert.True(_c.EchoBool(true));
        Assert.Equal(sbyte.MinValue, _c.EchoS8(sbyte.MinValue));
        Assert.Equal(byte.MaxValue, _c.EchoU8(byte.MaxValue));
        Assert.Equal(short.MinValue, _c.EchoS16(short.MinValue));
        Assert.Equal(ushort.MaxValue, _c.EchoU16(ushort.MaxValue));
        Assert.Equal(int.MinValue, _c.EchoS32(int.MinValue));
        Assert.Equal(uint.MaxValue, _c.EchoU32(uint.MaxValue));
        Assert.Equal(long.MinValue, _c.EchoS64(long.MinValue));
        Assert.Equal(ulong.MaxValue, _c.EchoU64(ulong.MaxValue));
        Assert.True(float.IsNaN(_c.EchoF32(float.NaN)));
        Assert.Equal(double.NegativeInfinity, _c.EchoF64(double.NegativeInfinity));
        Assert.Equal(new System.Text.Rune(0x1F600), _c.EchoChar(new System.Text.Rune(0x1F600)));
        Assert.Equal(153UL, _c.Sum17(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17));
    }

    [Fact]
    public void Strings_bytes_and_lists()
    {
        Assert.Equal("", _c.EchoString(""));
        Assert.Equal("ünïcödé 😀 漢字", _c.EchoString("ünïcödé 😀 漢字"));
        Assert.Equal(new byte[] { 0, 255 }, _c.EchoBytes(new byte[] { 0, 255 }));
        Assert.Empty(_c.EchoBytes(ReadOnlyMemory<byte>.Empty));
        Assert.Equal(new[] { int.MinValue, 0, int.MaxValue }, _c.EchoList(new[] { int.MinValue, 0, int.MaxValue }));
        Assert.Equal(new[] { "", "x" }, _c.EchoStrings(new[] { "", "x" }));
        Assert.Equal(4u, _c.CountChars("aé😀z"));
    }

    [Fact]
    public void Records_tuples_options_results()
    {
        var alice = new Person("Alice", 30, ["admin", "dev"], "alice@example.com", new Point(1, -2));
        var back = _c.EchoPerson(alice);
        Assert.Equal(("Alice", (byte)30, "alice@example.com", new Point(1, -2)), (back.Name, back.Age, back.Email, back.Home));
        Assert.Equal(["admin", "dev"], back.Tags);
        Assert.Equal(["Alice", "Bob"], _c.EchoPeople([alice, new Person("Bob", 0, [], null, new Point(0, 0))]).Select(p => p.Name));
        Assert.Equal(((byte)9, "nine", 9.5), _c.EchoTuple((9, "nine", 9.5)));
        Assert.Null(_c.EchoOption(null));
        Assert.Equal(-7, _c.EchoOption(-7));
        Assert.Null(_c.EchoOptionString(null));
        Assert.Equal(Option<string?>.Some(null), _c.EchoNestedOption(Option<string?>.Some(null)));
        Assert.Equal(Option<string?>.None, _c.EchoNestedOption(Option<string?>.None));
        Assert.Equal(Option<string?>.Some("deep"), _c.EchoNestedOption(Option<string?>.Some("deep")));
        Assert.Equal(Result<uint, string>.Err("bad"), _c.EchoResult(Result<uint, string>.Err("bad")));
        Assert.True(_c.EchoResultEmpty(Result<Unit, Unit>.Err(default)).IsErr);
        Assert.True(_c.EchoResultErrOnly(Result<Unit, string>.Ok(default)).IsOk);
        Assert.Equal("Carol@example.com", _c.MakePerson("Carol", 41).Email);
    }

    [Fact]
    public void Enums_flags_variants()
    {
        Assert.Equal(Color.Green, _c.EchoEnum(Color.Green));
        Assert.Equal(Perms.Read | Perms.Exec, _c.EchoFlags(Perms.Read | Perms.Exec));
        Assert.Equal(Perms.None, _c.EchoFlags(Perms.None));
        Shape[] shapes = [new Shape.Circle(2.5f), new Shape.Rect(new Point(1, 2)), new Shape.Label("l"), new Shape.Empty()];
        Assert.Equal(shapes, _c.EchoShapes(shapes));
        Assert.Equal(new Shape.Empty(), _c.EchoShape(new Shape.Empty()));
    }

    [Fact]
    public void Bad_arguments_name_their_path_and_nothing_reaches_the_guest()
    {
        Assert.Equal("cm:echo_person: p.name: expected a string, got null",
            Assert.Throws<WippyException>(() => _c.EchoPerson(new Person(null!, 1, [], null, new Point(0, 0)))).Message);
        Assert.Equal("cm:echo_strings: v[1]: expected a string, got null",
            Assert.Throws<WippyException>(() => _c.EchoStrings(["a", null!])).Message);
        Assert.Equal("cm:echo_people: p[1].tags[2]: expected a string, got null",
            Assert.Throws<WippyException>(() => _c.EchoPeople([
                new Person("a", 1, [], null, new Point(0, 0)),
                new Person("b", 2, ["x", "y", null!], null, new Point(0, 0))])).Message);
        Assert.Contains("unpaired surrogate", Assert.Throws<WippyException>(() => _c.EchoString("a\ud800")).Message);
        Assert.Contains("9 is not a case of color", Assert.Throws<WippyException>(() => _c.EchoEnum((Color)9)).Message);
        Assert.Contains("s: expected a shape, got null", Assert.Throws<WippyException>(() => _c.EchoShape(null!)).Message);
        Assert.Equal("fine", _c.EchoString("fine"));
    }

    [Fact]
    public void Garbage_from_the_guest_is_refused_by_wasmtime_and_the_entry_keeps_serving()
    {
        // Wasmtime lifts (and checks) the guest's values itself on this path.
        var error = Assert.Throws<WippyException>(() => _c.BadStringUtf8());
        Assert.Equal("cm:bad_string_utf8", error.EntryId);
        Assert.Equal(ErrorKind.Internal, error.Kind);
        Assert.Throws<WippyException>(() => _c.BadEnum());
        Assert.Throws<WippyException>(() => _c.BadChar());
        Assert.Equal(ErrorKind.Trap, Assert.Throws<WippyException>(() => _c.Trap()).Kind);
        Assert.Equal("ok", _c.EchoString("ok"));
    }
}
