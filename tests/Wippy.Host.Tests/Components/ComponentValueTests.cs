using Wippy.Host.Tests.Comp;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Components;

/// <summary>
/// Every WIT value type, both directions, through proxies typed from the WIT the component carries
/// (tests/guests/components/echo: no entry has a wit:), with the edge values of each type.
/// </summary>
public sealed class ComponentValueTests(ComponentFixture fixture) : IClassFixture<ComponentFixture>
{
    private readonly CompFunctions _c = fixture.Comp;

    [Fact]
    public void Top_level_function() => Assert.Equal(int.MinValue, _c.Add(int.MaxValue, 1));

    [Fact]
    public void Integers_at_their_limits()
    {
        Assert.True(_c.EchoBool(true));
        Assert.False(_c.EchoBool(false));
        foreach (var v in new sbyte[] { sbyte.MinValue, -1, 0, sbyte.MaxValue }) Assert.Equal(v, _c.EchoS8(v));
        foreach (var v in new byte[] { 0, byte.MaxValue }) Assert.Equal(v, _c.EchoU8(v));
        foreach (var v in new short[] { short.MinValue, short.MaxValue }) Assert.Equal(v, _c.EchoS16(v));
        foreach (var v in new ushort[] { 0, ushort.MaxValue }) Assert.Equal(v, _c.EchoU16(v));
        foreach (var v in new[] { int.MinValue, -1, int.MaxValue }) Assert.Equal(v, _c.EchoS32(v));
        foreach (var v in new[] { 0u, 0x8000_0000u, uint.MaxValue }) Assert.Equal(v, _c.EchoU32(v));
        foreach (var v in new[] { long.MinValue, -1L, long.MaxValue }) Assert.Equal(v, _c.EchoS64(v));
        foreach (var v in new[] { 0UL, 0x8000_0000_0000_0000UL, ulong.MaxValue }) Assert.Equal(v, _c.EchoU64(v));
    }

    [Fact]
    public void Floats_with_nan_and_infinities()
    {
        Assert.True(float.IsNaN(_c.EchoF32(float.NaN)));
        Assert.True(double.IsNaN(_c.EchoF64(double.NaN)));
        Assert.Equal(float.PositiveInfinity, _c.EchoF32(float.PositiveInfinity));
        Assert.Equal(float.NegativeInfinity, _c.EchoF32(float.NegativeInfinity));
        Assert.Equal(double.NegativeInfinity, _c.EchoF64(double.NegativeInfinity));
        Assert.Equal(double.Epsilon, _c.EchoF64(double.Epsilon));
        Assert.Equal(float.MaxValue, _c.EchoF32(float.MaxValue));
        Assert.Equal(-0.0, _c.EchoF64(-0.0));
    }

    [Theory]
    [InlineData(0x61)]
    [InlineData(0xE9)]
    [InlineData(0xFFFD)]
    [InlineData(0x1F600)] // outside the BMP
    [InlineData(0x10FFFF)]
    public void Chars(int scalar) => Assert.Equal(new System.Text.Rune(scalar), _c.EchoChar(new System.Text.Rune(scalar)));

    [Fact]
    public void Strings_and_bytes_including_empty()
    {
        Assert.Equal("", _c.EchoString(""));
        Assert.Equal("ünïcödé 😀 漢字", _c.EchoString("ünïcödé 😀 漢字"));
        Assert.Equal(4u, _c.CountChars("aé😀z"));
        Assert.Empty(_c.EchoBytes(ReadOnlyMemory<byte>.Empty));
        Assert.Equal(new byte[] { 0, 255 }, _c.EchoBytes(new byte[] { 0, 255 }));
        Assert.Empty(_c.EchoList(Array.Empty<int>()));
        Assert.Equal(new[] { int.MinValue, int.MaxValue }, _c.EchoList(new[] { int.MinValue, int.MaxValue }));
        Assert.Equal(new[] { "", "x", "ç" }, _c.EchoStrings(new[] { "", "x", "ç" }));
        Assert.Empty(_c.EchoStrings(Array.Empty<string>()));
    }

    [Fact]
    public void Records_nested_and_in_lists()
    {
        var alice = new Person("Alice", 30, ["admin", "dev"], "alice@example.com", new Point(1, -2));
        var bob = new Person("Bob", 0, [], null, new Point(int.MinValue, int.MaxValue));
        Assert.Equal(new Point(3, -4), _c.EchoPoint(new Point(3, -4)));
        var back = _c.EchoPerson(alice);
        Assert.Equal(("Alice", (byte)30, "alice@example.com", new Point(1, -2)), (back.Name, back.Age, back.Email, back.Home));
        Assert.Equal(["admin", "dev"], back.Tags);
        var people = _c.EchoPeople([alice, bob]);
        Assert.Equal(["Alice", "Bob"], people.Select(p => p.Name));
        Assert.Null(people[1].Email);
        Assert.Empty(people[1].Tags);
        Assert.Equal("Carol@example.com", _c.MakePerson("Carol", 41).Email);
    }

    [Fact]
    public void Tuples_options_and_results()
    {
        Assert.Equal(((byte)255, "", double.MaxValue), _c.EchoTuple((255, "", double.MaxValue)));
        Assert.Null(_c.EchoOption(null));
        Assert.Equal(int.MinValue, _c.EchoOption(int.MinValue));
        Assert.Equal("", _c.EchoOptionString(""));
        Assert.Equal(Option<string?>.None, _c.EchoNestedOption(Option<string?>.None));
        Assert.Equal(Option<string?>.Some(null), _c.EchoNestedOption(Option<string?>.Some(null)));
        Assert.Equal(Option<string?>.Some("deep"), _c.EchoNestedOption(Option<string?>.Some("deep")));
        Assert.Equal(Result<uint, string>.Ok(uint.MaxValue), _c.EchoResult(Result<uint, string>.Ok(uint.MaxValue)));
        Assert.Equal(Result<uint, string>.Err(""), _c.EchoResult(Result<uint, string>.Err("")));
        Assert.True(_c.EchoResultEmpty(Result<Unit, Unit>.Ok(default)).IsOk);
        Assert.True(_c.EchoResultEmpty(Result<Unit, Unit>.Err(default)).IsErr);
        Assert.Equal(Result<Unit, string>.Err("only"), _c.EchoResultErrOnly(Result<Unit, string>.Err("only")));
    }

    [Fact]
    public void Enums_flags_and_variants()
    {
        Assert.Equal(Color.Blue, _c.EchoEnum(Color.Blue));
        Assert.Equal(Perms.None, _c.EchoFlags(Perms.None));
        Assert.Equal(Perms.Read | Perms.Write | Perms.Exec, _c.EchoFlags(Perms.Read | Perms.Write | Perms.Exec));
        Assert.Equal(new Shape.Empty(), _c.EchoShape(new Shape.Empty())); // a case without payload
        Assert.Equal(new Shape.Circle(float.NegativeInfinity), _c.EchoShape(new Shape.Circle(float.NegativeInfinity)));
        Shape[] shapes = [new Shape.Rect(new Point(1, 2)), new Shape.Label("l"), new Shape.Empty()];
        Assert.Equal(shapes, _c.EchoShapes(shapes));
    }

    [Fact]
    public void Seventeen_parameters_spill_to_memory() =>
        Assert.Equal(153UL, _c.Sum17(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17));

    [Fact]
    public async Task Async_proxy() => Assert.Equal("async", await _c.EchoStringAsync("async"));

    [Fact]
    public void Component_written_as_text() => Assert.Equal(42u, _c.Double(21));

    [Fact]
    public void Signature_from_a_wit_package_directory_with_deps()
    {
        var output = _c.TransformUsers([new UserRecord(1, "Alice", ["admin", "dev"], true), new UserRecord(2, "Zoë 😀", [], false)]);
        Assert.Equal(2, output.Length);
        Assert.Equal(new UserOutput(1, "Alice [admin, dev]", 2), output[0]);
        Assert.Equal(new UserOutput(2, "Zoë 😀 []", 0), output[1]);
        Assert.Empty(_c.TransformUsers([]));
    }
}
