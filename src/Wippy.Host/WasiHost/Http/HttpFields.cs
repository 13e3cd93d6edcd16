using Wippy.Host.HostInterfaces;

namespace Wippy.Host.WasiHost.Http;

/// <summary>
/// wasi:http/types' <c>fields</c> (headers and trailers): names with one or more values each, in the order names were
/// first added, every value of a name kept together. Names are case-insensitive and stored lower-case, as HTTP/2 sends
/// them. A mutation answers the interface's <c>header-error</c> case (<c>invalid-syntax</c>, <c>forbidden</c>,
/// <c>immutable</c>) or null; the checks run in that order. Fields handed to a request or response, and those a message
/// returns, are immutable views of the message's own.
/// </summary>
internal sealed class HttpFields
{
    /// <summary>The most bytes of names and values one set of fields holds (as Wasmtime's 128 KiB); more traps.</summary>
    public const int MaxTotalBytes = 128 * 1024;

    /// <summary>Names no guest may set: they belong to the connection, which the host manages (as Wasmtime's list).</summary>
    private static readonly HashSet<string> Forbidden = new(StringComparer.Ordinal)
    {
        "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection",
        "transfer-encoding", "upgrade", "host", "http2-settings",
    };

    private readonly List<string> _names;
    private readonly Dictionary<string, List<byte[]>> _values;
    private readonly Counter _size;

    /// <summary>New, empty, mutable fields.</summary>
    public HttpFields() : this([], new(StringComparer.Ordinal), new Counter(), immutable: false)
    {
    }

    private HttpFields(List<string> names, Dictionary<string, List<byte[]>> values, Counter size, bool immutable)
    {
        _names = names;
        _values = values;
        _size = size;
        IsImmutable = immutable;
    }

    /// <summary>Whether mutations answer <c>immutable</c>.</summary>
    public bool IsImmutable { get; }

    /// <summary>Every (name, value), names in first-added order, the values of a name together.</summary>
    public IEnumerable<(string Name, byte[] Value)> Entries
    {
        get
        {
            foreach (var name in _names)
            {
                foreach (var value in _values[name]) yield return (name, value);
            }
        }
    }

    /// <summary>An immutable view of the same fields (what a message's <c>headers</c> returns, and what it keeps).</summary>
    public HttpFields ImmutableView() => new(_names, _values, _size, immutable: true);

    /// <summary>A mutable copy (<c>clone</c>).</summary>
    public HttpFields Clone()
    {
        var values = new Dictionary<string, List<byte[]>>(StringComparer.Ordinal);
        foreach (var name in _names) values[name] = [.. _values[name]];
        return new HttpFields([.. _names], values, new Counter { Bytes = _size.Bytes }, immutable: false);
    }

    /// <summary>The values of <paramref name="name"/> (none for a name that is not valid).</summary>
    public IReadOnlyList<byte[]> Get(string name) =>
        _values.TryGetValue(name.ToLowerInvariant(), out var values) ? values : [];

    /// <summary>The <c>content-length</c> header's value, or null (none, several, or not a number).</summary>
    public long? ContentLength() =>
        Get("content-length") is [var only] && long.TryParse(System.Text.Encoding.ASCII.GetString(only), out var length) && length >= 0
            ? length
            : null;

    /// <summary>Whether <paramref name="name"/> has a value.</summary>
    public bool Has(string name) => _values.ContainsKey(name.ToLowerInvariant());

    /// <summary>Adds a value to <paramref name="name"/>.</summary>
    /// <returns>Null, or the <c>header-error</c> case.</returns>
    public string? Append(string name, byte[] value)
    {
        if (CheckName(name) is { } refused) return refused;
        if (!IsValidValue(value)) return "invalid-syntax";
        if (IsImmutable) return "immutable";
        var key = name.ToLowerInvariant();
        Grow((_values.ContainsKey(key) ? 0 : key.Length) + value.Length);
        if (!_values.TryGetValue(key, out var values))
        {
            _values[key] = values = [];
            _names.Add(key);
        }
        values.Add(value);
        return null;
    }

    /// <summary>
    /// Adds a value that arrived in a message: the forbidden names are the guest's to not set, not to not see, so only
    /// the syntax is checked (what fails it is left out).
    /// </summary>
    public void AppendReceived(string name, byte[] value)
    {
        if (!IsToken(name) || !IsValidValue(value)) return;
        var key = name.ToLowerInvariant();
        if (!_values.TryGetValue(key, out var values))
        {
            _values[key] = values = [];
            _names.Add(key);
        }
        values.Add(value);
        _size.Bytes += (values.Count == 1 ? key.Length : 0) + value.Length;
    }

    /// <summary>Replaces the values of <paramref name="name"/> (no values: removes it).</summary>
    /// <returns>Null, or the <c>header-error</c> case.</returns>
    public string? Set(string name, IReadOnlyList<byte[]> values)
    {
        if (CheckName(name) is { } refused) return refused;
        if (values.Any(v => !IsValidValue(v))) return "invalid-syntax";
        if (IsImmutable) return "immutable";
        var key = name.ToLowerInvariant();
        if (values.Count == 0)
        {
            Remove(key);
            return null;
        }
        var had = _values.TryGetValue(key, out var old);
        Grow((had ? -old!.Sum(v => v.Length) : key.Length) + values.Sum(v => v.Length));
        _values[key] = [.. values];
        if (!had) _names.Add(key);
        return null;
    }

    /// <summary>Removes every value of <paramref name="name"/>.</summary>
    /// <returns>Null, or the <c>header-error</c> case.</returns>
    public string? Delete(string name)
    {
        if (CheckName(name) is { } refused) return refused;
        if (IsImmutable) return "immutable";
        Remove(name.ToLowerInvariant());
        return null;
    }

    private void Remove(string key)
    {
        if (!_values.Remove(key, out var old)) return;
        _names.Remove(key);
        _size.Bytes -= key.Length + old.Sum(v => v.Length);
    }

    private void Grow(int bytes)
    {
        if (_size.Bytes + bytes > MaxTotalBytes)
        {
            // Wasmtime traps here too: the interface has no error for it.
            throw new HostResourceException($"the fields would hold more than {MaxTotalBytes} bytes of names and values");
        }
        _size.Bytes += bytes;
    }

    private static string? CheckName(string name) =>
        !IsToken(name) ? "invalid-syntax" : Forbidden.Contains(name.ToLowerInvariant()) ? "forbidden" : null;

    /// <summary>Whether <paramref name="name"/> is an HTTP token (RFC 9110: letters, digits and <c>!#$%&amp;'*+-.^_`|~</c>).</summary>
    public static bool IsToken(string name)
    {
        if (name.Length == 0) return false;
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c))) return false;
        }
        return true;
    }

    /// <summary>Whether <paramref name="value"/> may be a field value: no control bytes but tab (so no CR, LF or NUL).</summary>
    public static bool IsValidValue(ReadOnlySpan<byte> value)
    {
        foreach (var b in value)
        {
            if ((b < 0x20 && b != (byte)'\t') || b == 0x7F) return false;
        }
        return true;
    }

    /// <summary>The byte count shared by a set of fields and its immutable views.</summary>
    private sealed class Counter
    {
        public int Bytes;
    }
}
