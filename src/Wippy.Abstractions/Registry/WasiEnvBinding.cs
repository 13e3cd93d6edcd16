using Wippy.Diagnostics;

namespace Wippy.Registry;

/// <summary>One <c>wasi.env</c> item: a guest variable whose value comes from an <c>env.variable</c> entry at call time.</summary>
/// <param name="Id">The <c>env.variable</c> entry.</param>
/// <param name="Name">The variable's name inside the guest.</param>
/// <param name="Required">Whether a missing value fails the call.</param>
/// <param name="Position">Where the item is.</param>
/// <param name="NamePosition">Where <c>name</c> is written.</param>
public sealed record WasiEnvBinding(EntryRef Id, string Name, bool Required, SourcePosition Position, SourcePosition NamePosition);
