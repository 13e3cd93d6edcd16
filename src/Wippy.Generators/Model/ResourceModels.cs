namespace Wippy.Generators.Model;

/// <summary>What a function of a resource is: how it is called from C#.</summary>
internal enum ResourceMemberKind
{
    /// <summary><c>constructor(…)</c>: a method of the functions class, <c>New&lt;Resource&gt;(…)</c>.</summary>
    Constructor,

    /// <summary><c>name: func(…)</c>: an instance method of the resource's class (self is the object).</summary>
    Method,

    /// <summary><c>name: static func(…)</c>: a method of the functions class, <c>&lt;Resource&gt;&lt;Name&gt;(…)</c>.</summary>
    Static,
}

/// <summary>
/// A resource the entry's component defines and exports, as a generated C# class: <see cref="Members"/> are its
/// constructor, methods and static functions, each called through the component model at <see cref="Interface"/>'s
/// export <c>[constructor]r</c>, <c>[method]r.name</c> or <c>[static]r.name</c>.
/// </summary>
/// <param name="WitName">The resource's WIT name (<c>counter</c>).</param>
/// <param name="CsName">The class name (<c>Counter</c>).</param>
/// <param name="Interface">The exported interface defining it (<c>wippy:counter/counters</c>), or "" for a top-level export.</param>
/// <param name="Docs">Its WIT doc comment, or null.</param>
/// <param name="Members">Its functions, in WIT order.</param>
internal sealed record ResourceClassModel(string WitName, string CsName, string Interface, string? Docs, EquatableArray<ResourceMemberModel> Members);

/// <summary>One function of a resource.</summary>
/// <param name="Kind">Constructor, method or static function.</param>
/// <param name="WitName">Its WIT name (<c>get</c>; <c>constructor</c> for the constructor).</param>
/// <param name="CsName">The C# method name (<c>Get</c>; <c>NewCounter</c>, <c>CounterMerge</c> on the functions class).</param>
/// <param name="Key">The component export it calls (<c>wippy:counter/counters#[method]counter.get</c>).</param>
/// <param name="Params">Its parameters; a method's first is <c>self</c> (a borrow of the resource).</param>
/// <param name="Result">Its result (the constructor's: an own handle of the resource), or null.</param>
/// <param name="WitSignature">Its WIT signature, for docs.</param>
/// <param name="Docs">Its WIT doc comment, or null.</param>
internal sealed record ResourceMemberModel(
    ResourceMemberKind Kind, string WitName, string CsName, string Key, EquatableArray<ParamModel> Params, TypeModel? Result, string WitSignature, string? Docs);
