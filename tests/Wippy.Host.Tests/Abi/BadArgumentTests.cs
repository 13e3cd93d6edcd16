using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Abi;

/// <summary>Arguments that cannot be lowered fail with Invalid errors naming the entry and the argument; nothing reaches the guest.</summary>
public sealed class BadArgumentTests(AbiFixture fixture) : IClassFixture<AbiFixture>
{
    private readonly AbiFunctions _abi = fixture.Abi;

    [Fact]
    public void Null_string()
    {
        var error = Assert.Throws<WippyException>(() => _abi.EchoString(null!));
        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Equal("abi:echo_string: s: expected a string, got null", error.Message);
    }

    [Fact]
    public void Null_record_field_names_its_path()
    {
        var error = Assert.Throws<WippyException>(() => _abi.EchoPerson(new Person(null!, 1, [], null, new Point(0, 0))));
        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Contains("p.name: expected a string, got null", error.Message);
    }

    [Fact]
    public void Paths_inside_lists_carry_the_index() =>
        Assert.Equal("abi:echo_people: p[1].tags[2]: expected a string, got null",
            Assert.Throws<WippyException>(() => _abi.EchoPeople([
                new Person("a", 1, [], null, new Point(0, 0)),
                new Person("b", 2, ["x", "y", null!], null, new Point(0, 0))])).Message);

    [Fact]
    public void Null_record() =>
        Assert.Contains("p.home: expected a record, got null",
            Assert.Throws<WippyException>(() => _abi.EchoPerson(new Person("x", 1, [], null, null!))).Message);

    [Fact]
    public void Unpaired_surrogate_is_not_a_string() =>
        Assert.Contains("unpaired surrogate", Assert.Throws<WippyException>(() => _abi.EchoString("a\ud800b")).Message);

    [Fact]
    public void Undefined_enum_value() =>
        Assert.Contains("is not a case of color", Assert.Throws<WippyException>(() => _abi.EchoEnum((Color)9)).Message);

    [Fact]
    public void Null_variant() =>
        Assert.Contains("s: expected a shape, got null", Assert.Throws<WippyException>(() => _abi.EchoShape(null!)).Message);

    [Fact]
    public void After_a_bad_argument_the_entry_keeps_serving()
    {
        Assert.Throws<WippyException>(() => _abi.EchoStrings(["a", null!]));
        Assert.Equal(new[] { "a", "b" }, _abi.EchoStrings(["a", "b"]));
    }
}
