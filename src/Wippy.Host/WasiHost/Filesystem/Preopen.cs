namespace Wippy.Host.WasiHost.Filesystem;

/// <summary>A directory the guest is given (a mount): where it is on the host, its name for the guest, whether it may be changed.</summary>
/// <param name="Host">The full host path of the directory.</param>
/// <param name="Guest">The name the guest sees in <c>get-directories</c> (<c>/data</c>, or <c>.</c> for the working directory).</param>
/// <param name="Writable">False for a read-only mount: nothing under it can be created, written, renamed or removed.</param>
internal sealed record Preopen(string Host, string Guest, bool Writable);
