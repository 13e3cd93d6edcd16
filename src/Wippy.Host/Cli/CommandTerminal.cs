namespace Wippy.Host.Cli;

/// <summary>
/// The terminal of a command's run (<c>run &lt;name&gt;</c>): the process entry it runs, the arguments its guest sees
/// through WASI (the command's name, the entry's <c>wasi.args</c>, then the command line's), and where its stdout and
/// stderr go (the app's own, not the log: they are the command's output). Given to the runtime the command creates.
/// </summary>
/// <param name="EntryId">The entry the command runs.</param>
/// <param name="Arguments">The guest's arguments after the entry's own: the command line's (for a <c>wasi:cli/run</c> command).</param>
/// <param name="Stdout">The guest's stdout.</param>
/// <param name="Stderr">The guest's stderr.</param>
/// <param name="Stdin">The guest's stdin, or null (empty). Read by guests on the host's own WASI; a core module, on Wasmtime's, gets an empty stdin.</param>
internal sealed record CommandTerminal(string EntryId, IReadOnlyList<string> Arguments, TextWriter Stdout, TextWriter Stderr, Stream? Stdin = null);
