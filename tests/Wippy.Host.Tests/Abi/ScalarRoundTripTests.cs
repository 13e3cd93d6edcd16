using System.Text;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Abi;

/// <summary>Every WIT primitive through the generated proxy into the ABI guest and back (flat lowering and lifting).</summary>
public sealed class ScalarRoundTripTests(AbiFixture fixture) : IClassFixture<AbiFixture>
{
    private readonly AbiFunctions _abi = fixture.Abi;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Bool(bool v) => Assert.Equal(v, _abi.EchoBool(v));

    [Theory]
    [InlineData(sbyte.MinValue)]
    [InlineData((sbyte)-1)]
    [InlineData(sbyte.MaxValue)]
    public void S8(sbyte v) => Assert.Equal(v, _abi.EchoS8(v));

    [Theory]
    [InlineData(byte.MinValue)]
    [InlineData(byte.MaxValue)]
    public void U8(byte v) => Assert.Equal(v, _abi.EchoU8(v));

    [Theory]
    [InlineData(short.MinValue)]
    [InlineData(short.MaxValue)]
    public void S16(short v) => Assert.Equal(v, _abi.EchoS16(v));

    [Theory]
    [InlineData(ushort.MaxValue)]
    public void U16(ushort v) => Assert.Equal(v, _abi.EchoU16(v));

    [Theory]
    [InlineData(int.MinValue)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void S32(int v) => Assert.Equal(v, _abi.EchoS32(v));

    [Theory]
    [InlineData(uint.MaxValue)]
    [InlineData(0x8000_0000u)]
    public void U32(uint v) => Assert.Equal(v, _abi.EchoU32(v));

    [Theory]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    public void S64(long v) => Assert.Equal(v, _abi.EchoS64(v));

    [Theory]
    [InlineData(ulong.MaxValue)]
    public void U64(ulong v) => Assert.Equal(v, _abi.EchoU64(v));

    [Theory]
    [InlineData(1.5f)]
    [InlineData(float.NegativeInfinity)]
    [InlineData(float.Epsilon)]
    public void F32(float v) => Assert.Equal(v, _abi.EchoF32(v));

    [Fact]
    public void F32_NaN_stays_NaN() => Assert.True(float.IsNaN(_abi.EchoF32(float.NaN)));

    [Theory]
    [InlineData(-2.25)]
    [InlineData(double.MaxValue)]
    public void F64(double v) => Assert.Equal(v, _abi.EchoF64(v));

    [Theory]
    [InlineData("a")]
    [InlineData("é")]
    [InlineData("😀")]
    public void Char(string text) => Assert.Equal(Rune.GetRuneAt(text, 0), _abi.EchoChar(Rune.GetRuneAt(text, 0)));

    [Fact]
    public void Seventeen_parameters_are_passed_through_memory()
    {
        // 17 flat values exceed MAX_FLAT_PARAMS (16): the proxy stores them as a tuple in guest memory.
        Assert.Equal(17UL * uint.MaxValue, _abi.Sum17(
            uint.MaxValue, uint.MaxValue, uint.MaxValue, uint.MaxValue, uint.MaxValue, uint.MaxValue, uint.MaxValue, uint.MaxValue, uint.MaxValue,
            uint.MaxValue, uint.MaxValue, uint.MaxValue, uint.MaxValue, uint.MaxValue, uint.MaxValue, uint.MaxValue, uint.MaxValue));
        Assert.Equal(153UL, _abi.Sum17(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17));
    }

    [Fact]
    public void Mixed_core_types_keep_their_bits()
    {
        // The guest prints each value; floats as their bit patterns (tests/guests/abi/README.md).
        Assert.Equal("a=7 b=-9000000000 c=0x3fc00000 d=0xc002000000000000 e=true f=é",
            _abi.Mixed(7, -9_000_000_000, 1.5f, -2.25, true, new Rune('é')));
    }

    [Fact]
    public async Task Async_proxy_with_a_cancelled_token_does_not_start()
    {
        var token = new CancellationToken(canceled: true);
        var cancelled = await Assert.ThrowsAsync<OperationCanceledException>(async () => await _abi.EchoS32Async(1, token));
        Assert.Equal(token, cancelled.CancellationToken);
        var error = Assert.IsType<WippyException>(cancelled.InnerException);
        Assert.Equal(ErrorKind.Timeout, error.Kind);
        Assert.Equal("abi:echo_s32", error.EntryId);
        Assert.Contains("cancelled before it started", error.Message);
    }

    [Fact]
    public async Task Async_proxy_returns_the_same()
    {
        Assert.Equal(-5, await _abi.EchoS32Async(-5));
        Assert.Equal("x", await _abi.EchoStringAsync("x"));
    }
}
