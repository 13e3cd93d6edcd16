using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Abi;

/// <summary>
/// A guest returning garbage: every lifting check fails that call with an Invalid error naming the entry,
/// never reads outside the guest's memory, and the host keeps serving the next call.
/// </summary>
public sealed class LiftingCheckTests(AbiFixture fixture) : IClassFixture<AbiFixture>
{
    private readonly AbiFunctions _abi = fixture.Abi;

    public static TheoryData<string, string, Action<AbiFunctions>> BadResults => new()
    {
        { "abi:bad_string_pointer", "outside memory", a => a.BadStringPointer() },
        { "abi:bad_string_utf8", "not valid UTF-8", a => a.BadStringUtf8() },
        { "abi:bad_string_huge_length", "outside memory", a => a.BadStringHugeLength() },
        { "abi:bad_list_alignment", "not aligned to 4", a => a.BadListAlignment() },
        { "abi:bad_list_overflow", "outside memory", a => a.BadListOverflow() },
        { "abi:bad_return_pointer", "outside memory", a => a.BadReturnPointer() },
        { "abi:bad_return_alignment", "not aligned to 4", a => a.BadReturnAlignment() },
        { "abi:bad_enum", "discriminant 7 names no case", a => a.BadEnum() },
        { "abi:bad_option", "discriminant 2 names no case", a => a.BadOption() },
        { "abi:bad_result", "discriminant 5 names no case", a => a.BadResult() },
        { "abi:bad_variant", "discriminant 9 names no case", a => a.BadVariant() },
        { "abi:bad_char", "not a Unicode scalar value", a => a.BadChar() },
        { "abi:bad_char_range", "not a Unicode scalar value", a => a.BadCharRange() },
    };

    [Theory]
    [MemberData(nameof(BadResults))]
    public void Garbage_fails_the_call_with_an_invalid_error(string entry, string reason, Action<AbiFunctions> call)
    {
        var error = Assert.Throws<WippyException>(() => call(_abi));
        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Equal(entry, error.EntryId);
        Assert.Contains(reason, error.Message);
        Assert.StartsWith(entry + ": result", error.Message);

        // The same entry serves the next call (on a fresh instance), and so do the others.
        Assert.Throws<WippyException>(() => call(_abi));
        Assert.Equal("still here", _abi.EchoString("still here"));
    }

    [Fact]
    public void Bool_lifts_any_nonzero_as_true() => Assert.True(_abi.BadBool());

    [Fact]
    public void Flags_ignore_undefined_bits() => Assert.Equal(Perms.Read, _abi.BadFlags());

    [Fact]
    public void Trap_is_a_trap_error_and_the_entry_keeps_serving()
    {
        var error = Assert.Throws<WippyException>(() => _abi.Trap());
        Assert.Equal(ErrorKind.Trap, error.Kind);
        Assert.Equal("abi:trap", error.EntryId);
        Assert.Contains("unreachable", error.Message);
        Assert.Throws<WippyException>(() => _abi.Trap());
        Assert.Equal(3, _abi.EchoS32(3));
    }
}
