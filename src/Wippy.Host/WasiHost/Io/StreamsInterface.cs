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
        ["[method]input-stream.skip"] = (call, args, results) => results[0] = SkipResult(call, Input(call, args).Read(ReadLength(args[1]))),
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
        ["[method]output-stream.flush"] = (call, args, results) => results[0] = Status(call, Output(call, args).Flush()),
        ["[method]output-stream.subscribe"] = (call, args, results) =>
            results[0] = call.Own(PollInterface.PollableType, Output(call, args).Subscribe()),
        ["[method]output-stream.write-zeroes"] = (call, args, results) =>
        {
            var stream = Output(call, args);
            var length = ZeroesLength(args[1]);
            results[0] = Status(call, WithinBudget(call, stream, length) is { } refused ? refused : stream.Write(new byte[length]));
        },
        ["[method]output-stream.splice"] = (call, args, results) => results[0] = Splice(call, args),
    },
    new Dictionary<string, HostWaitingFunction>
    {
        ["[method]input-stream.blocking-read"] = (call, args, _) =>
        {
            var stream = Input(call, args);
            var length = ReadLength(args[1]);
            return new HostWait(stream.Subscribe(), (then, _, results) =>
            {
                results[0] = ReadResult(then, stream.Read(length));
                return null;
            });
        },
        ["[method]input-stream.blocking-skip"] = (call, args, _) =>
        {
            var stream = Input(call, args);
            var length = ReadLength(args[1]);
            return new HostWait(stream.Subscribe(), (then, _, results) =>
            {
                results[0] = SkipResult(then, stream.Read(length));
                return null;
            });
        },
        ["[method]output-stream.blocking-write-and-flush"] = (call, args, results) =>
        {
            var bytes = Bytes(args[1]);
            if (bytes.Length > MaxBlockingWriteBytes)
            {
                throw new HostResourceException($"given {bytes.Length} bytes; it takes at most {MaxBlockingWriteBytes}");
            }
            return WriteAndFlush(call, Output(call, args), bytes.ToArray(), results); // a later step may still write them
        },
        ["[method]output-stream.blocking-flush"] = (call, args, results) =>
        {
            var stream = Output(call, args);
            var status = stream.Flush();
            return status == StreamResult.Ok ? AfterFlush(stream) : Finished(results, Status(call, status));
        },
        ["[method]output-stream.blocking-write-zeroes-and-flush"] = (call, args, results) =>
        {
            var length = ZeroesLength(args[1]);
            if (length > MaxBlockingWriteBytes)
            {
                throw new HostResourceException($"asked for {length} bytes; it takes at most {MaxBlockingWriteBytes}");
            }
            return WriteAndFlush(call, Output(call, args), new byte[length], results);
        },
        ["[method]output-stream.blocking-splice"] = BlockingSplice,
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
    private static ReadOnlySpan<byte> Bytes(in ComponentVal list) => list.BytesOfList("contents");

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

    /// <summary>
    /// <c>blocking-write-and-flush</c>: writes as much of <paramref name="bytes"/> as the stream permits, waits for
    /// budget for the rest, then flushes and waits for the flush; each wait a <see cref="HostWait"/>.
    /// </summary>
    private static HostWait? WriteAndFlush(HostCall call, OutputStream stream, byte[] bytes, Span<ComponentVal> results)
    {
        var written = 0;
        return Step(call, results);

        HostWait? Step(HostCall call, Span<ComponentVal> results)
        {
            while (written < bytes.Length)
            {
                var (permitted, status) = stream.CheckWrite();
                if (status != StreamResult.Ok) return Finished(results, Status(call, status));
                if (permitted == 0) return new HostWait(stream.Subscribe(), (then, _, results) => Step(then, results));
                var take = (int)Math.Min((ulong)(bytes.Length - written), permitted);
                status = stream.Write(bytes.AsSpan(written, take));
                if (status != StreamResult.Ok) return Finished(results, Status(call, status));
                written += take;
            }
            var flushed = stream.Flush();
            return flushed == StreamResult.Ok ? AfterFlush(stream) : Finished(results, Status(call, flushed));
        }
    }

    /// <summary>Waits until a flush has ended, then answers ok.</summary>
    private static HostWait AfterFlush(OutputStream stream) => new(stream.Subscribe(), static (_, _, results) => Finished(results, ComponentVal.OwnedOk(null)));

    /// <summary>Writes the one result of a stream function: no more waiting.</summary>
    private static HostWait? Finished(Span<ComponentVal> results, ComponentVal result)
    {
        results[0] = result;
        return null;
    }

    private static ComponentVal Splice(HostCall call, ReadOnlySpan<ComponentVal> args)
    {
        var output = Output(call, args);
        var input = call.Borrow<InputStream>(args[1], InputStreamType);
        var (permitted, status) = output.CheckWrite();
        return status == StreamResult.Ok ? Transfer(call, input, output, args[2].AsU64(), permitted) : Error(call, status);
    }

    /// <summary><c>blocking-splice</c>: waits until the output takes bytes and then until the input has some, then moves what it can.</summary>
    private static HostWait? BlockingSplice(HostCall call, ReadOnlySpan<ComponentVal> args, Span<ComponentVal> results)
    {
        var output = Output(call, args);
        var input = call.Borrow<InputStream>(args[1], InputStreamType);
        var length = args[2].AsU64();
        var (permitted, status) = output.CheckWrite();
        if (status != StreamResult.Ok) return Finished(results, Error(call, status));
        return permitted == 0 ? new HostWait(output.Subscribe(), (then, _, results) => WhenWritable(then, results)) : WhenWritable(call, results);

        HostWait? WhenWritable(HostCall call, Span<ComponentVal> results)
        {
            var (permitted, status) = output.CheckWrite();
            if (status != StreamResult.Ok) return Finished(results, Error(call, status));
            return new HostWait(input.Subscribe(), (then, _, results) => Finished(results, Transfer(then, input, output, length, permitted)));
        }
    }

    /// <summary>Reads at most <paramref name="length"/> (and <paramref name="permitted"/>) bytes from <paramref name="input"/> and writes them to <paramref name="output"/>: <c>result&lt;u64, stream-error&gt;</c>.</summary>
    private static ComponentVal Transfer(HostCall call, InputStream input, OutputStream output, ulong length, ulong permitted)
    {
        var read = input.Read((int)Math.Min(Math.Min(length, permitted), MaxReadBytes));
        if (read.Status != StreamResult.Ok) return Error(call, read.Status, read.Failure, read.Code);
        var written = output.Write(read.Bytes!);
        return written == StreamResult.Ok ? ComponentVal.OwnedOk(ComponentVal.U64((ulong)read.Bytes!.Length)) : Error(call, written);
    }

    private static ComponentVal ReadResult(HostCall call, StreamRead read) =>
        read.Status == StreamResult.Ok ? ComponentVal.OwnedOk(call.Bytes(read.Bytes!)) : Error(call, read.Status, read.Failure, read.Code);

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
