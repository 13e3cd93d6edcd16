using Wippy.Diagnostics;

namespace Wippy.Registry;

/// <summary>One <c>wasi.mounts</c> item: a filesystem entry mounted at an absolute guest path.</summary>
/// <param name="Fs">The <c>fs.*</c> entry.</param>
/// <param name="Guest">The absolute guest path, as written.</param>
/// <param name="ReadOnly">Whether the guest may only read.</param>
/// <param name="Position">Where the item is.</param>
/// <param name="GuestPosition">Where <c>guest</c> is written.</param>
public sealed record WasiMount(EntryRef Fs, string Guest, bool ReadOnly, SourcePosition Position, SourcePosition GuestPosition);
