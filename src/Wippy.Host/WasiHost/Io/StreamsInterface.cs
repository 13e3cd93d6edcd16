using Wippy.Host.GeneratedCode;
using Wippy.Host.HostInterfaces;

namespace Wippy.Host.WasiHost.Io;

/// <summary>
/// wasi:io/streams: the <c>input-stream</c> and <c>output-stream</c> resources. Each function checks its handle and
/// its lengths, then asks the stream (<see cref="InputStream"/>, <see cref="OutputStream"/>); a failure becomes the
/// <c>stream-error</c> the interface defines (<c>closed</c>, or <c>last-operation-failed</c> with a wasi:io/error),
/// and what the interface calls a trap (writing more than permitted, more than 4096 bytes to a blocking write) traps.
/// </summary>
internal static class StreamsInterface
{
    /// <summary>The most bytes one read returns (a read may return fewer than asked; a guest asking 4 GiB gets this).</summary>
    public const int MaxReadBytes = 64 * 1024;

    /// <summary>The most bytes a <c>blocking-write-and-flush</c> takes (the interface's own limit).</summary>
    public const int MaxBlockingWriteBytes = 4096;

    /// <summary>The <c>input-stream</c> resource type.</summary>
    public static HostResourceType InputStreamType { get; } = new("wasi:io/streams", "input-stream");

    /// <summary>The <c>output-stream</c> resource type.</summary>
    public static HostResourceType OutputStreamType { get; } = new("wasi:io/streams", "output-stream");

    /// <summary>The interface.</summary>
    public static HostInterface Interface { get; } = new("wasi:io/streams", [InputStreamType, OutputStreamType], new Dictionary<string, HostFunction>
    {
        ["[method]input-stream.read"] = (call, args, results) => results[0] = ReadResult(call, Input(call, args).Read(ReadLength(args[1]))),
        ["[method]input-stream.blocking-read"] = (call, args, results) =>
        {
            var stream = Input(call, args);
            PollInterface.Block(call.State, [stream.Subscribe()]);
            results[0] = ReadResult(call, stream.Read(ReadLength(args[1])));
        },
        ["[method]input-stream.skip"] = (call, args, results) => results[0] = SkipResult(call, Input(call, args).Read(ReadLength(args[1]))),
        ["[method]input-stream.blocking-skip"] = (call, args, results) =>
        {
            var stream = Input(call, args);
            PollInterface.Block(call.State, [stream.Subscribe()]);
            results[0] = SkipResult(call, stream.Read(ReadLength(args[1])));
        },
        ["[method]input-stream.subscribe"] = (call, args, results) =>
            results[0] = call.Own(PollInterface.PollableType, Input(call, args).Subscribe()),

        ["[method]output-stream.check-write"] = (call, args, results) =>
        {
            var (permitted, status) = Output(call, args).CheckWrite();
            results[0] = status == StreamResult.Ok ? ComponentVal.OwnedOk(ComponentVal.U64(permitted)) : Error(call, status, Output(call, args).Failure);
        },
        ["[method]output-stream.write"] = (call, args, results) =>
        {
            var stream = Output(call, args);
            var bytes = Bytes(args[1]);
            results[0] = Status(call, WithinBudget(call, stream, bytes.Length) is { } refused ? refused : stream.Write(bytes));
        },
        ["[method]output-stream.blocking-write-and-flush"] = (call, args, results) =>
        {
            var bytes = Bytes(args[1]);
            if (bytes.Length > MaxBlockingWriteBytes)
            {
                throw new HostResourceException($"given {bytes.Length} bytes; it takes at most {MaxBlockingWriteBytes}");
            }
            results[0] = Status(call, BlockingWrite(call, Output(call, args), bytes));
        },
        ["[method]output-stream.flush"] = (call, args, results) => results[0] = Status(call, Output(call, args).Flush()),
        ["[method]output-stream.blocking-flush"] = (call, args, results) =>
        {
            var stream = Output(call, args);
            var status = stream.Flush();
            if (status == StreamResult.Ok) PollInterface.Block(call.State, [stream.Subscribe()]);
            results[0] = Status(call, status);
        },
        ["[method]output-stream.subscribe"] = (call, args, results) =>
            results[0] = call.Own(PollInterface.PollableType, Output(call, args).Subscribe()),
        ["[method]output-stream.write-zeroes"] = (call, args, results) =>
        {
            var stream = Output(call, args);
            var length = ZeroesLength(args[1]);
            results[0] = Status(call, WithinBudget(call, stream, length) is { } refused ? refused : stream.Write(new byte[length]));
        },
        ["[method]output-stream.blocking-write-zeroes-and-flush"] = (call, args, results) =>
        {
            var length = ZeroesLength(args[1]);
            if (length > MaxBlockingWriteBytes)
            {
                throw new HostResourceException($"asked for {length} bytes; it takes at most {MaxBlockingWriteBytes}");
            }
            results[0] = Status(call, BlockingWrite(call, Output(call, args), new byte[length]));
        },
        ["[method]output-stream.splice"] = (call, args, results) => results[0] = Splice(call, args, blocking: false),
        ["[method]output-stream.blocking-splice"] = (call, args, results) => results[0] = Splice(call, args, blocking: true),
    });

    private static InputStream Input(HostCall call, ReadOnlySpan<ComponentVal> args) => call.Borrow<InputStream>(args[0], InputStreamType);

    private static OutputStream Output(HostCall call, ReadOnlySpan<ComponentVal> args) => call.Borrow<OutputStream>(args[0], OutputStreamType);

    private static int ReadLength(in ComponentVal length) => (int)Math.Min(length.AsU64(), MaxReadBytes);

    private static int ZeroesLength(in ComponentVal length)
    {
        var asked = length.AsU64();
        return asked <= MaxReadBytes ? (int)asked
            : throw new HostResourceException($"asked for {asked} zero bytes; it takes at most {MaxReadBytes} at a time");
    }

    /// <summary>The bytes of the <c>list&lt;u8&gt;</c> argument <c>contents</c>.</summary>
    private static byte[] Bytes(in ComponentVal list) => ComponentValues.ReadBytes(list, "contents");

    /// <summary>Null when <paramref name="length"/> bytes fit the stream's budget; a trap when the guest writes more than it was permitted.</summary>
    private static StreamResult? WithinBudget(HostCall call, OutputStream stream, int length)
    {
        var (permitted, status) = stream.CheckWrite();
        if (status != StreamResult.Ok) return status;
        if ((ulong)length > permitted)
        {
            throw new HostResourceException($"{length} bytes written where check-write permitted {permitted}");
        }
        return null;
    }

    /// <summary>Waits for budget, writes, flushes and waits for the flush: <c>blocking-write-and-flush</c>.</summary>
    private static StreamResult BlockingWrite(HostCall call, OutputStream stream, ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var (permitted, status) = stream.CheckWrite();
            if (status != StreamResult.Ok) return status;
            if (permitted == 0)
            {
                PollInterface.Block(call.State, [stream.Subscribe()]);
                continue;
            }
            var take = (int)Math.Min((ulong)bytes.Length, permitted);
            status = stream.Write(bytes[..take]);
            if (status != StreamResult.Ok) return status;
            bytes = bytes[take..];
        }
        var flushed = stream.Flush();
        if (flushed == StreamResult.Ok) PollInterface.Block(call.State, [stream.Subscribe()]);
        return flushed;
    }

    private static ComponentVal Splice(HostCall call, ReadOnlySpan<ComponentVal> args, bool blocking)
    {
        var output = Output(call, args);
        var input = call.Borrow<InputStream>(args[1], InputStreamType);
        var (permitted, status) = output.CheckWrite();
        if (status != StreamResult.Ok) return Error(call, status);
        if (blocking && permitted == 0)
        {
            PollInterface.Block(call.State, [output.Subscribe()]);
            (permitted, status) = output.CheckWrite();
            if (status != StreamResult.Ok) return Error(call, status);
        }
        if (blocking) PollInterface.Block(call.State, [input.Subscribe()]);
        var read = input.Read((int)Math.Min(Math.Min(args[2].AsU64(), permitted), MaxReadBytes));
        if (read.Status != StreamResult.Ok) return Error(call, read.Status, read.Failure, read.Code);
        var written = output.Write(read.Bytes!);
        return written == StreamResult.Ok ? ComponentVal.OwnedOk(ComponentVal.U64((ulong)read.Bytes!.Length)) : Error(call, written);
    }

    private static ComponentVal ReadResult(HostCall call, StreamRead read) =>
        read.Status == StreamResult.Ok ? ComponentVal.OwnedOk(ComponentVal.OwnedBytes(read.Bytes!)) : Error(call, read.Status, read.Failure, read.Code);

    private static ComponentVal SkipResult(HostCall call, StreamRead read) =>
        read.Status == StreamResult.Ok ? ComponentVal.OwnedOk(ComponentVal.U64((ulong)read.Bytes!.Length)) : Error(call, read.Status, read.Failure, read.Code);

    /// <summary><c>result&lt;_, stream-error&gt;</c>.</summary>
    private static ComponentVal Status(HostCall call, StreamResult status, OutputStream? stream = null) =>
        status == StreamResult.Ok ? ComponentVal.OwnedOk(null) : Error(call, status, stream?.Failure, stream is null ? null : "io");

    /// <summary>The <c>err(stream-error)</c> of a closed or failed stream.</summary>
    private static ComponentVal Error(HostCall call, StreamResult status, string? failure = null, object? code = null) =>
        ComponentVal.OwnedErr(status == StreamResult.Closed
            ? ComponentVal.OwnedVariant("closed", null)
            : ComponentVal.OwnedVariant("last-operation-failed",
                call.Own(IoErrorInterface.ErrorType, new IoError(failure ?? "the stream failed", code))));
}
