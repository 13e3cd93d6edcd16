using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Abi;

/// <summary>Strings, lists, records, tuples, options, results, enums, flags and variants, nested, both directions.</summary>
public sealed class CompoundRoundTripTests(AbiFixture fixture) : IClassFixture<AbiFixture>
{
    private readonly AbiFunctions _abi = fixture.Abi;

    private static readonly Person Alice = new("Alice", 30, ["admin", "dev"], "alice@example.com", new Point(1, -2));
    private static readonly Person Bob = new("Bob", 0, [], null, new Point(int.MinValue, int.MaxValue));

    [Theory]
    [InlineData("")]
    [InlineData("Hello, Wippy!")]
    [InlineData("ünïcödé 😀 漢字")]
    public void String(string s) => Assert.Equal(s, _abi.EchoString(s));

    [Fact]
    public void Long_string_crosses_memory_growth()
    {
        var s = new string('x', 300_000); // more than the guest's initial 2 pages: cabi_realloc grows memory
        Assert.Equal(s, _abi.EchoString(s));
    }

    [Fact]
    public void Count_chars_sees_the_utf8_the_proxy_wrote() => Assert.Equal(4u, _abi.CountChars("aé😀z"));

    [Fact]
    public void Bytes() => Assert.Equal(new byte[] { 0, 1, 254, 255 }, _abi.EchoBytes(new byte[] { 0, 1, 254, 255 }));

    [Fact]
    public void Empty_bytes() => Assert.Empty(_abi.EchoBytes(ReadOnlyMemory<byte>.Empty));

    [Fact]
    public void List_of_numbers_from_array_and_list()
    {
        Assert.Equal(new[] { 1, -2, int.MaxValue }, _abi.EchoList(new[] { 1, -2, int.MaxValue }));
        Assert.Equal(new[] { 5, 6 }, _abi.EchoList(new List<int> { 5, 6 }));
        Assert.Empty(_abi.EchoList(Array.Empty<int>()));
    }

    [Fact]
    public void List_of_strings() => Assert.Equal(new[] { "a", "", "ç" }, _abi.EchoStrings(new[] { "a", "", "ç" }));

    [Fact]
    public void Record() => Assert.Equal(new Point(3, -4), _abi.EchoPoint(new Point(3, -4)));

    [Fact]
    public void Nested_record_with_list_and_option()
    {
        AssertPerson(Alice, _abi.EchoPerson(Alice));
        AssertPerson(Bob, _abi.EchoPerson(Bob));
    }

    [Fact]
    public void List_of_records()
    {
        var people = _abi.EchoPeople(new[] { Alice, Bob, Alice });
        Assert.Equal(3, people.Length);
        AssertPerson(Alice, people[0]);
        AssertPerson(Bob, people[1]);
        AssertPerson(Alice, people[2]);
    }

    [Fact]
    public void Record_made_by_the_guest()
    {
        var p = _abi.MakePerson("Carol", 41);
        AssertPerson(new Person("Carol", 41, ["new", "age:41"], "Carol@example.com", new Point(41, -41)), p);
    }

    [Fact]
    public void Tuple() => Assert.Equal(((byte)9, "nine", 9.5), _abi.EchoTuple((9, "nine", 9.5)));

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(-7)]
    public void Option(int? o) => Assert.Equal(o, _abi.EchoOption(o));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("some")]
    public void Option_of_string(string? o) => Assert.Equal(o, _abi.EchoOptionString(o));

    [Fact]
    public void Nested_options_keep_every_level()
    {
        Assert.Equal(Option<string?>.None, _abi.EchoNestedOption(Option<string?>.None));
        Assert.Equal(Option<string?>.Some(null), _abi.EchoNestedOption(Option<string?>.Some(null)));
        Assert.Equal(Option<string?>.Some("deep"), _abi.EchoNestedOption(Option<string?>.Some("deep")));
    }

    [Fact]
    public void Results_in_every_form()
    {
        Assert.Equal(Result<uint, string>.Ok(7), _abi.EchoResult(Result<uint, string>.Ok(7)));
        Assert.Equal(Result<uint, string>.Err("bad"), _abi.EchoResult(Result<uint, string>.Err("bad")));
        Assert.True(_abi.EchoResultEmpty(Result<Unit, Unit>.Ok(default)).IsOk);
        Assert.True(_abi.EchoResultEmpty(Result<Unit, Unit>.Err(default)).IsErr);
        Assert.Equal(Result<Unit, string>.Err("only"), _abi.EchoResultErrOnly(Result<Unit, string>.Err("only")));
        Assert.True(_abi.EchoResultErrOnly(Result<Unit, string>.Ok(default)).IsOk);
    }

    [Theory]
    [InlineData(Color.Red)]
    [InlineData(Color.Blue)]
    public void Enum(Color c) => Assert.Equal(c, _abi.EchoEnum(c));

    [Fact]
    public void Flags()
    {
        Assert.Equal(Perms.None, _abi.EchoFlags(Perms.None));
        Assert.Equal(Perms.Read | Perms.Exec, _abi.EchoFlags(Perms.Read | Perms.Exec));
    }

    [Fact]
    public void Variants_with_every_payload()
    {
        Assert.Equal(new Shape.Circle(2.5f), _abi.EchoShape(new Shape.Circle(2.5f)));
        Assert.Equal(new Shape.Rect(new Point(1, 2)), _abi.EchoShape(new Shape.Rect(new Point(1, 2))));
        Assert.Equal(new Shape.Label("tag"), _abi.EchoShape(new Shape.Label("tag")));
        Assert.Equal(new Shape.Empty(), _abi.EchoShape(new Shape.Empty()));
    }

    [Fact]
    public void List_of_variants()
    {
        Shape[] shapes = [new Shape.Circle(1), new Shape.Empty(), new Shape.Label("l"), new Shape.Rect(new Point(-1, -1))];
        Assert.Equal(shapes, _abi.EchoShapes(shapes));
    }

    [Fact]
    public void Post_return_frees_what_each_call_allocated()
    {
        // The guest's allocator is a bump heap that only cabi_post_echo-string resets (tests/guests/abi/README.md).
        // 40 calls with 100 KB strings would leave the heap at 8 MB without post-return; with it, memory stays small.
        var s = new string('p', 100_000);
        for (var i = 0; i < 40; i++) Assert.Equal(s, _abi.EchoString(s));
        var sizes = fixture.Runtime.GetWasmFunction("abi:echo_string").IdleMemorySizes();
        Assert.NotEmpty(sizes);
        Assert.All(sizes, size => Assert.True(size < 1_000_000, $"memory grew to {size} bytes: cabi_post was not called"));
    }

    private static void AssertPerson(Person expected, Person actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Age, actual.Age);
        Assert.Equal(expected.Tags, actual.Tags);
        Assert.Equal(expected.Email, actual.Email);
        Assert.Equal(expected.Home, actual.Home);
    }
}
