using Wippy.Wit;

namespace Wippy.Abstractions.Tests.Wit;

/// <summary>Every form of type use (the <c>ty</c> production).</summary>
public sealed class WitTypeParsingTests
{
    private static WitType ParseType(string type)
    {
        var iface = WitTestKit.ParseSignaturesOk("f: func(x: " + type + ");");
        return Assert.Single(iface.Functions[0].Params).Type;
    }

    [Theory]
    [InlineData("bool", WitPrimitive.Bool)]
    [InlineData("s8", WitPrimitive.S8)]
    [InlineData("u8", WitPrimitive.U8)]
    [InlineData("s16", WitPrimitive.S16)]
    [InlineData("u16", WitPrimitive.U16)]
    [InlineData("s32", WitPrimitive.S32)]
    [InlineData("u32", WitPrimitive.U32)]
    [InlineData("s64", WitPrimitive.S64)]
    [InlineData("u64", WitPrimitive.U64)]
    [InlineData("f32", WitPrimitive.F32)]
    [InlineData("f64", WitPrimitive.F64)]
    [InlineData("float32", WitPrimitive.F32)]
    [InlineData("float64", WitPrimitive.F64)]
    [InlineData("char", WitPrimitive.Char)]
    [InlineData("string", WitPrimitive.String)]
    public void Primitive(string text, WitPrimitive kind)
    {
        Assert.Equal(kind, Assert.IsType<WitPrimitiveType>(ParseType(text)).Kind);
    }

    [Fact]
    public void List_and_fixed_length_list()
    {
        var list = Assert.IsType<WitListType>(ParseType("list<string>"));
        Assert.Equal(WitPrimitive.String, Assert.IsType<WitPrimitiveType>(list.Element).Kind);
        Assert.Null(list.FixedLength);

        var fixedList = Assert.IsType<WitListType>(ParseType("list<u8, 4>"));
        Assert.Equal(4, fixedList.FixedLength);
    }

    [Fact]
    public void Nested_generics_close_with_single_brackets()
    {
        var list = Assert.IsType<WitListType>(ParseType("list<tuple<string, list<u8>>>"));
        var tuple = Assert.IsType<WitTupleType>(list.Element);
        Assert.Equal(2, tuple.Elements.Count);
        Assert.IsType<WitListType>(tuple.Elements[1]);
    }

    [Fact]
    public void Option()
    {
        var option = Assert.IsType<WitOptionType>(ParseType("option<user>"));
        Assert.Equal("user", Assert.IsType<WitNamedType>(option.Inner).Name);
    }

    [Fact]
    public void Result_in_all_four_forms()
    {
        var bare = Assert.IsType<WitResultType>(ParseType("result"));
        Assert.Null(bare.Ok);
        Assert.Null(bare.Err);

        var okOnly = Assert.IsType<WitResultType>(ParseType("result<u32>"));
        Assert.IsType<WitPrimitiveType>(okOnly.Ok);
        Assert.Null(okOnly.Err);

        var errOnly = Assert.IsType<WitResultType>(ParseType("result<_, error-code>"));
        Assert.Null(errOnly.Ok);
        Assert.Equal("error-code", Assert.IsType<WitNamedType>(errOnly.Err).Name);

        var both = Assert.IsType<WitResultType>(ParseType("result<string, error-code>"));
        Assert.IsType<WitPrimitiveType>(both.Ok);
        Assert.IsType<WitNamedType>(both.Err);
    }

    [Fact]
    public void Tuple_allows_a_trailing_comma()
    {
        var tuple = Assert.IsType<WitTupleType>(ParseType("tuple<u32, string,>"));
        Assert.Equal(2, tuple.Elements.Count);
    }

    [Fact]
    public void Own_and_borrow_handles()
    {
        var borrow = Assert.IsType<WitHandleType>(ParseType("borrow<blob>"));
        Assert.True(borrow.IsBorrow);
        Assert.Equal("blob", borrow.ResourceName);

        var own = Assert.IsType<WitHandleType>(ParseType("own<blob>"));
        Assert.False(own.IsBorrow);
    }

    [Fact]
    public void Bare_names_are_named_types_and_percent_is_stripped()
    {
        Assert.Equal("blob", Assert.IsType<WitNamedType>(ParseType("blob")).Name);
        Assert.Equal("string", Assert.IsType<WitNamedType>(ParseType("%string")).Name);
    }

    [Fact]
    public void Future_stream_map_and_error_context()
    {
        Assert.Null(Assert.IsType<WitFutureType>(ParseType("future")).Element);
        Assert.IsType<WitPrimitiveType>(Assert.IsType<WitFutureType>(ParseType("future<u32>")).Element);
        Assert.Null(Assert.IsType<WitStreamType>(ParseType("stream")).Element);
        Assert.IsType<WitPrimitiveType>(Assert.IsType<WitStreamType>(ParseType("stream<u8>")).Element);
        var map = Assert.IsType<WitMapType>(ParseType("map<string, u32>"));
        Assert.IsType<WitPrimitiveType>(map.Key);
        Assert.IsType<WitPrimitiveType>(map.Value);
        Assert.IsType<WitErrorContextType>(ParseType("error-context"));
    }

    [Fact]
    public void Type_positions_cover_the_written_text()
    {
        var type = ParseType("list<u8>");
        Assert.Equal(1, type.Position.Line);
        Assert.Equal(12, type.Position.Column);
        Assert.Equal(20, type.Position.EndColumn);
    }
}
