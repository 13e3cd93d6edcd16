using Wippy.Diagnostics;

namespace Wippy.Registry;

/// <summary>
/// A <c>process.wasm</c> entry's <c>meta.options.mailbox</c> (docs/registry.md#processwasm), the place the runtime we
/// re-create reads it from: how much its processes' mailboxes hold. Fields left out keep their defaults.
/// </summary>
/// <param name="Capacity">Messages queued at once.</param>
/// <param name="Bytes">Bytes queued at once (each message counted with its envelope).</param>
/// <param name="MessageBytes">The largest single message.</param>
/// <param name="Position">Where the block is.</param>
public sealed record ProcessMailboxConfig(int Capacity, long Bytes, long MessageBytes, SourcePosition Position)
{
    /// <summary>Messages queued at once by default.</summary>
    public const int DefaultCapacity = 128;

    /// <summary>Bytes queued at once by default (8 MiB).</summary>
    public const long DefaultBytes = 8 * 1024 * 1024;

    /// <summary>The largest single message by default (1 MiB).</summary>
    public const long DefaultMessageBytes = 1024 * 1024;

    /// <summary>The bytes every message counts besides its data: capacity may not exceed bytes / this.</summary>
    public const int EnvelopeBytes = 256;
}
