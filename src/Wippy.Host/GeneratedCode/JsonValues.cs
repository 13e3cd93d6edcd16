using System.Text;
using System.Text.Json;

using Wippy.Host.Native.Components;
namespace Wippy.Host.GeneratedCode;

/// <summary>
/// JSON readers and writers for WIT primitives and shapes (docs/values.md), called by generated JSON binders.
/// Readers throw <see cref="WippyException"/> of kind Invalid naming the path of the bad value.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class JsonValues
{
    /// <summary>Fails unless exactly <paramref name="expected"/> arguments were given.</summary>
    public static void ExpectArgumentCount(ReadOnlySpan<JsonElement> args, int expected, string entryId, string parameters)
    {
        if (args.Length != expected)
        {
            throw new WippyException(ErrorKind.Invalid, entryId,
                $"expected {expected} argument(s) ({(parameters.Length == 0 ? "none" : parameters)}), got {args.Length}");
        }
    }

    /// <summary>An Invalid error about the value at <paramref name="path"/>.</summary>
    public static WippyException Invalid(string path, string message) => new(ErrorKind.Invalid, null, $"{path}: {message}");

    /// <summary>Fails unless <paramref name="json"/> is an array (of <paramref name="length"/> items when given).</summary>
    public static void ExpectArray(JsonElement json, string path, int length = -1)
    {
        if (json.ValueKind != JsonValueKind.Array) throw Invalid(path, $"expected an array, got {Describe(json)}");
        if (length >= 0 && json.GetArrayLength() != length) throw Invalid(path, $"expected {length} items, got {json.GetArrayLength()}");
    }

    /// <summary>Fails unless <paramref name="json"/> is an object.</summary>
    public static void ExpectObject(JsonElement json, string path)
    {
        if (json.ValueKind != JsonValueKind.Object) throw Invalid(path, $"expected an object, got {Describe(json)}");
    }

    /// <summary>A record field by its WIT name (snake_case accepted); a missing optional field reads as null.</summary>
    public static JsonElement Field(JsonElement json, string witName, string path, bool optional)
    {
        if (json.TryGetProperty(witName, out var value)) return value;
        if (witName.Contains('-') && json.TryGetProperty(witName.Replace('-', '_'), out value)) return value;
        if (optional) return NullElement;
        throw Invalid(path, $"missing field '{witName}'");
    }

    /// <summary>A result: <c>{"ok": v}</c> or <c>{"err": e}</c>.</summary>
    public static (bool IsOk, JsonElement Payload) ReadResult(JsonElement json, string path)
    {
        var (name, payload) = ReadCase(json, path);
        return name switch
        {
            "ok" => (true, payload),
            "err" or "error" => (false, payload),
            _ => throw Invalid(path, $"expected {{\"ok\": …}} or {{\"err\": …}}, got '{name}'"),
        };
    }

    /// <summary>A variant case: an object with exactly one property, or a bare string for a case without payload.</summary>
    public static (string Name, JsonElement Payload) ReadCase(JsonElement json, string path)
    {
        if (json.ValueKind == JsonValueKind.String) return (json.GetString()!, NullElement);
        ExpectObject(json, path);
        var enumerator = json.EnumerateObject();
        if (!enumerator.MoveNext()) throw Invalid(path, "expected an object with one case, got {}");
        var first = enumerator.Current;
        if (enumerator.MoveNext()) throw Invalid(path, "expected an object with exactly one case");
        return (first.Name, first.Value);
    }

    /// <summary>Reads a bool.</summary>
    public static bool ReadBool(JsonElement json, string path) => json.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Invalid(path, $"expected true or false, got {Describe(json)}"),
    };

    /// <summary>Reads an s8.</summary>
    public static sbyte ReadS8(JsonElement json, string path) => json.ValueKind == JsonValueKind.Number && json.TryGetSByte(out var v) ? v : throw Range(json, path, "s8");

    /// <summary>Reads a u8.</summary>
    public static byte ReadU8(JsonElement json, string path) => json.ValueKind == JsonValueKind.Number && json.TryGetByte(out var v) ? v : throw Range(json, path, "u8");

    /// <summary>Reads an s16.</summary>
    public static short ReadS16(JsonElement json, string path) => json.ValueKind == JsonValueKind.Number && json.TryGetInt16(out var v) ? v : throw Range(json, path, "s16");

    /// <summary>Reads a u16.</summary>
    public static ushort ReadU16(JsonElement json, string path) => json.ValueKind == JsonValueKind.Number && json.TryGetUInt16(out var v) ? v : throw Range(json, path, "u16");

    /// <summary>Reads an s32.</summary>
    public static int ReadS32(JsonElement json, string path) => json.ValueKind == JsonValueKind.Number && json.TryGetInt32(out var v) ? v : throw Range(json, path, "s32");

    /// <summary>Reads a u32.</summary>
    public static uint ReadU32(JsonElement json, string path) => json.ValueKind == JsonValueKind.Number && json.TryGetUInt32(out var v) ? v : throw Range(json, path, "u32");

    /// <summary>Reads an s64.</summary>
    public static long ReadS64(JsonElement json, string path) => json.ValueKind == JsonValueKind.Number && json.TryGetInt64(out var v) ? v : throw Range(json, path, "s64");

    /// <summary>Reads a u64.</summary>
    public static ulong ReadU64(JsonElement json, string path) => json.ValueKind == JsonValueKind.Number && json.TryGetUInt64(out var v) ? v : throw Range(json, path, "u64");

    /// <summary>Reads an f32.</summary>
    public static float ReadF32(JsonElement json, string path) => json.ValueKind == JsonValueKind.Number && json.TryGetSingle(out var v) ? v : throw Range(json, path, "f32");

    /// <summary>Reads an f64.</summary>
    public static double ReadF64(JsonElement json, string path) => json.ValueKind == JsonValueKind.Number && json.TryGetDouble(out var v) ? v : throw Range(json, path, "f64");

    /// <summary>Reads a char: a string of exactly one Unicode scalar value.</summary>
    public static Rune ReadChar(JsonElement json, string path)
    {
        var s = ReadString(json, path);
        if (Rune.DecodeFromUtf16(s, out var rune, out var used) == System.Buffers.OperationStatus.Done && used == s.Length) return rune;
        throw Invalid(path, $"expected a single character, got \"{s}\"");
    }

    /// <summary>Reads a string.</summary>
    public static string ReadString(JsonElement json, string path) =>
        json.ValueKind == JsonValueKind.String ? json.GetString()! : throw Invalid(path, $"expected a string, got {Describe(json)}");

    /// <summary>Reads a <c>list&lt;u8&gt;</c>: a base64 string, or an array of numbers 0–255.</summary>
    public static byte[] ReadBytes(JsonElement json, string path)
    {
        if (json.ValueKind == JsonValueKind.String)
        {
            return json.TryGetBytesFromBase64(out var bytes) ? bytes : throw Invalid(path, "expected base64");
        }
        ExpectArray(json, path);
        var result = new byte[json.GetArrayLength()];
        var i = 0;
        foreach (var item in json.EnumerateArray())
        {
            result[i] = ReadU8(item, $"{path}[{i}]");
            i++;
        }
        return result;
    }

    /// <summary>Writes a bool.</summary>
    public static void WriteBool(Utf8JsonWriter writer, bool value) => writer.WriteBooleanValue(value);

    /// <summary>Writes an s8.</summary>
    public static void WriteS8(Utf8JsonWriter writer, sbyte value) => writer.WriteNumberValue(value);

    /// <summary>Writes a u8.</summary>
    public static void WriteU8(Utf8JsonWriter writer, byte value) => writer.WriteNumberValue(value);

    /// <summary>Writes an s16.</summary>
    public static void WriteS16(Utf8JsonWriter writer, short value) => writer.WriteNumberValue(value);

    /// <summary>Writes a u16.</summary>
    public static void WriteU16(Utf8JsonWriter writer, ushort value) => writer.WriteNumberValue(value);

    /// <summary>Writes an s32.</summary>
    public static void WriteS32(Utf8JsonWriter writer, int value) => writer.WriteNumberValue(value);

    /// <summary>Writes a u32.</summary>
    public static void WriteU32(Utf8JsonWriter writer, uint value) => writer.WriteNumberValue(value);

    /// <summary>Writes an s64.</summary>
    public static void WriteS64(Utf8JsonWriter writer, long value) => writer.WriteNumberValue(value);

    /// <summary>Writes a u64.</summary>
    public static void WriteU64(Utf8JsonWriter writer, ulong value) => writer.WriteNumberValue(value);

    /// <summary>Writes an f32 (NaN and infinities as strings, which JSON numbers cannot hold).</summary>
    public static void WriteF32(Utf8JsonWriter writer, float value)
    {
        if (float.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteStringValue(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Writes an f64 (NaN and infinities as strings).</summary>
    public static void WriteF64(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteStringValue(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Writes a char as a one-character string.</summary>
    public static void WriteChar(Utf8JsonWriter writer, Rune value) => writer.WriteStringValue(value.ToString());

    /// <summary>Writes a string.</summary>
    public static void WriteString(Utf8JsonWriter writer, string value) => writer.WriteStringValue(value);

    private static readonly JsonElement NullElement = JsonDocument.Parse("null").RootElement.Clone();

    private static WippyException Range(JsonElement json, string path, string type) =>
        json.ValueKind == JsonValueKind.Number
            ? Invalid(path, $"{json.GetRawText()} does not fit in {type}")
            : Invalid(path, $"expected a number ({type}), got {Describe(json)}");

    private static string Describe(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a bool",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "nothing",
    };
}
