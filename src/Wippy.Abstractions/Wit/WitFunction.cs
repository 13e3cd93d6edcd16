using Wippy.Diagnostics;

namespace Wippy.Wit;

/// <summary>What sort of function a <see cref="WitFunction"/> is.</summary>
public enum WitFunctionKind
{
    /// <summary>A function of an interface or world: <c>name: func(...)</c>.</summary>
    Freestanding,
    /// <summary>A resource method: it takes an implicit <c>self: borrow&lt;resource&gt;</c> first.</summary>
    Method,
    /// <summary>A resource's static function: <c>name: static func(...)</c>.</summary>
    Static,
    /// <summary>A resource's <c>constructor(...)</c>.</summary>
    Constructor,
}

/// <summary>
/// A function: a freestanding function of an interface or world, or a function of a resource.
/// A constructor is named <c>constructor</c>; its <see cref="Result"/> is null when none is written (the
/// implicit result is an owned handle of the resource) and the written <c>result&lt;r, e&gt;</c> otherwise.
/// A method's implicit <c>self</c> parameter is not in <see cref="Params"/>.
/// </summary>
/// <param name="Name">The function's name (without <c>%</c>).</param>
/// <param name="Kind">Freestanding, method, static or constructor.</param>
/// <param name="IsAsync">True when written <c>async func</c>.</param>
/// <param name="Params">The parameters in order.</param>
/// <param name="Result">The result type, or null when the function returns nothing.</param>
/// <param name="Docs">The doc comment, or null.</param>
/// <param name="Gates">The feature gates written before the function.</param>
/// <param name="Position">Where the function is written.</param>
public sealed record WitFunction(
    string Name,
    WitFunctionKind Kind,
    bool IsAsync,
    IReadOnlyList<WitParam> Params,
    WitType? Result,
    string? Docs,
    IReadOnlyList<WitGate> Gates,
    SourcePosition Position);

/// <summary>A function parameter: <c>name: type</c>.</summary>
/// <param name="Name">The parameter's name (without <c>%</c>).</param>
/// <param name="Type">Its type.</param>
/// <param name="Position">Where it is written.</param>
public sealed record WitParam(string Name, WitType Type, SourcePosition Position);
