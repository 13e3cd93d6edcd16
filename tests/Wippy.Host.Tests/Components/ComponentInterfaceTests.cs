using Wippy.Host.Tests.Calc;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Components;

/// <summary>
/// Functions of a versioned exported interface (tests/guests/components/calc, <c>wippy:calc/math@1.2.3</c>),
/// named by each form of <c>method:</c>: the full name, the name without version and the interface's short name.
/// </summary>
public sealed class ComponentInterfaceTests(ComponentFixture fixture) : IClassFixture<ComponentFixture>
{
    private readonly CalcFunctions _c = new(fixture.Runtime);

    [Fact]
    public void Result_with_a_record_error()
    {
        Assert.Equal(Result<int, ErrorInfo>.Ok(-3), _c.TryDivide(-7, 2));
        Assert.Equal(Result<int, ErrorInfo>.Err(new ErrorInfo(1, "division by zero")), _c.TryDivide(1, 0));
        Assert.Equal(Result<int, ErrorInfo>.Err(new ErrorInfo(2, "overflow")), _c.TryDivide(int.MinValue, -1));
    }

    [Fact]
    public void Sum_of_a_list_as_s64()
    {
        Assert.Equal(6442450941L, _c.SumList([int.MaxValue, int.MaxValue, int.MaxValue]));
        Assert.Equal(0L, _c.SumList([]));
    }

    [Fact]
    public void Filter_records()
    {
        var adults = _c.FilterAdults([new Person("Ann", 17), new Person("Ben", 18), new Person("Zoë", 90)]);
        Assert.Equal(["Ben", "Zoë"], adults.Select(p => p.Name));
        Assert.Empty(_c.FilterAdults([]));
    }

    [Fact]
    public void Nested_option_bare_result_and_variant_arguments()
    {
        Assert.Equal("some(some(7)) ok count(3)", _c.Describe(Option<byte?>.Some(7), Result<Unit, Unit>.Ok(default), new Kind.Count(3)));
        Assert.Equal("some(none) err none-yet", _c.Describe(Option<byte?>.Some(null), Result<Unit, Unit>.Err(default), new Kind.NoneYet()));
        Assert.Equal("none ok label(x)", _c.Describe(Option<byte?>.None, Result<Unit, Unit>.Ok(default), new Kind.Label("x")));
        Assert.Equal("some(some(255)) err count(4294967295)", _c.Describe(Option<byte?>.Some(255), Result<Unit, Unit>.Err(default), new Kind.Count(uint.MaxValue)));
    }
}
