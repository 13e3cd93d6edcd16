using Wippy.Diagnostics;

namespace Wippy.Registry;

/// <summary>One name of a <c>function.lua</c>'s <c>modules</c> list: a module the function may <c>require</c>.</summary>
/// <param name="Name">The name as written (already checked with <see cref="LuaNames.IsModuleName"/>), such as <c>json</c> or <c>app.utils</c>.</param>
/// <param name="Position">Where the name is written.</param>
public sealed record LuaModule(string Name, SourcePosition Position);
