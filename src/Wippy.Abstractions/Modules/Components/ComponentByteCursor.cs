using System.Text;

namespace Wippy.Modules.Components;

/// <summary>Thrown inside the reader only; <see cref="ComponentBinaryReader"/> turns it into a <see cref="ComponentReadError"/>.</summary>
internal sealed class ComponentFormatException(string message, int offset) : Exception(message)
{
    public int Offset { get; } = offset;
}

/// <summary>A bounds-checked reader over <c>bytes[position..end)</c>.</summary>
internal sealed class ComponentByteCursor
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);
    private readonly byte[] _bytes;

    public ComponentByteCursor(byte[] bytes, int position, int end)
    {
        _bytes = bytes;
        Position = position;
        End = end;
    }

    public int Position { get; set; }

    public int End { get; }

    public int Remaining => End - Position;

    public bool AtEnd => Position >= End;

    public static ComponentFormatException Error(string message, int offset) => new(message, offset);

    public byte ReadByte()
    {
        if (Position >= End) throw Error("unexpected end of data", Position);
        return _bytes[Position++];
    }

    public byte PeekByte()
    {
        if (Position >= End) throw Error("unexpected end of data", Position);
        return _bytes[Position];
    }

    public uint ReadU32()
    {
        var start = Position;
        uint result = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (Position >= End) throw Error("unexpected end of data in LEB128 integer", start);
            var b = _bytes[Position++];
            if (shift == 28 && (b & 0x70) != 0) throw Error("LEB128 integer too large for u32", start);
            result |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
            if (shift == 28) throw Error("LEB128 integer too long for u32", start);
        }
    }

    public ulong ReadU64()
    {
        var start = Position;
        ulong result = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (Position >= End) throw Error("unexpected end of data in LEB128 integer", start);
            var b = _bytes[Position++];
            if (shift == 63 && (b & 0x7E) != 0) throw Error("LEB128 integer too large for u64", start);
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
            if (shift == 63) throw Error("LEB128 integer too long for u64", start);
        }
    }

    /// <summary>A signed 33-bit LEB128 (type indices are non-negative; type opcodes are negative).</summary>
    public long ReadS33()
    {
        var start = Position;
        long result = 0;
        var shift = 0;
        byte b;
        do
        {
            if (Position >= End) throw Error("unexpected end of data in LEB128 integer", start);
            if (shift > 28) throw Error("LEB128 integer too long for s33", start);
            b = _bytes[Position++];
            result |= (long)(b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);
        if ((b & 0x40) != 0) result |= -1L << shift;
        if (result < -(1L << 32) || result > (1L << 32) - 1) throw Error("LEB128 integer out of range for s33", start);
        return result;
    }

    /// <summary>A vector length, checked against the bytes left (each element takes at least <paramref name="minElementSize"/> bytes).</summary>
    public int ReadCount(int minElementSize = 1)
    {
        var start = Position;
        var n = ReadU32();
        if (n > (uint)Remaining / (uint)Math.Max(1, minElementSize))
            throw Error($"vector length {n} exceeds the {Remaining} bytes left", start);
        return (int)n;
    }

    public int ReadLength()
    {
        var start = Position;
        var n = ReadU32();
        if (n > (uint)Remaining) throw Error($"length {n} exceeds the {Remaining} bytes left", start);
        return (int)n;
    }

    public string ReadName()
    {
        var len = ReadLength();
        var start = Position;
        string s;
        try
        {
            s = StrictUtf8.GetString(_bytes, start, len);
        }
        catch (DecoderFallbackException)
        {
            throw Error("name is not valid UTF-8", start);
        }
        Position += len;
        return s;
    }

    public void Skip(int count)
    {
        if (count < 0 || count > Remaining) throw Error("unexpected end of data", Position);
        Position += count;
    }

    public byte[] Slice(int offset, int length)
    {
        var copy = new byte[length];
        Buffer.BlockCopy(_bytes, offset, copy, 0, length);
        return copy;
    }

    public bool Matches(int offset, byte[] expected)
    {
        if (offset < 0 || offset + expected.Length > End) return false;
        for (var i = 0; i < expected.Length; i++)
        {
            if (_bytes[offset + i] != expected[i]) return false;
        }
        return true;
    }

    public byte At(int offset) => _bytes[offset];
}
