using System.Text;
using Wippy.Host.Native.Components;

namespace Wippy.Host.GeneratedCode;

/// <summary>
/// Checked conversions between C# values and <see cref="ComponentVal"/>s, for generated code (component-model
/// call path and import adapters). Every failure is a <see cref="ComponentValueException"/> whose message starts
/// with the value's path (<c>users[2].tags[1]: …</c>).
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class ComponentValues
{
    /// <summary>A handle for the guest of the app's object <paramref name="value"/>, of the imported resource <paramref name="typeName"/> (an own result of an import the app implements).</summary>
    /// <exception cref="ComponentValueException"><paramref name="value"/> is null.</exception>
    public static ComponentVal OwnImported(object? value, string typeName, string what) =>
        HostInterfaces.ImportResources.Own(value ?? throw new ComponentValueException($"{what}: expected a {typeName}, got null"), typeName);

    /// <summary>The app's object behind a <c>borrow</c> handle of the imported resource <paramref name="typeName"/> the guest passed.</summary>
    /// <exception cref="ComponentValueException">The handle is not a live resource of that type.</exception>
    public static T BorrowImported<T>(in ComponentVal argument, string typeName, string what) where T : class =>
        HostInterfaces.ImportResources.Object<T>(argument, typeName, what, take: false);

    /// <summary>The app's object behind an <c>own</c> handle the guest gave up (the app owns it now, and disposes it).</summary>
    /// <exception cref="ComponentValueException">The handle is not a live resource of that type.</exception>
    public static T TakeImported<T>(in ComponentVal argument, string typeName, string what) where T : class =>
        HostInterfaces.ImportResources.Object<T>(argument, typeName, what, take: true);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>A string value (Wasmtime-owned), refusing null and unpaired surrogates.</summary>
    public static ComponentVal String(string? value, string what)
    {
        if (value is null) throw new ComponentValueException(what + ": expected a string, got null");
        try
        {
            StrictUtf8.GetByteCount(value);
        }
        catch (EncoderFallbackException)
        {
            throw new ComponentValueException(what + ": the string holds an unpaired surrogate, which is not valid Unicode");
        }
        return ComponentVal.OwnedString(value);
    }

    /// <summary>Reads a <c>bool</c>.</summary>
    public static bool ReadBool(ComponentVal value, string what) => Expect(value, ComponentValKind.Bool, what).AsBool();

    /// <summary>Reads an <c>s8</c>.</summary>
    public static sbyte ReadS8(ComponentVal value, string what) => Expect(value, ComponentValKind.S8, what).AsS8();

    /// <summary>Reads a <c>u8</c>.</summary>
    public static byte ReadU8(ComponentVal value, string what) => Expect(value, ComponentValKind.U8, what).AsU8();

    /// <summary>Reads an <c>s16</c>.</summary>
    public static short ReadS16(ComponentVal value, string what) => Expect(value, ComponentValKind.S16, what).AsS16();

    /// <summary>Reads a <c>u16</c>.</summary>
    public static ushort ReadU16(ComponentVal value, string what) => Expect(value, ComponentValKind.U16, what).AsU16();

    /// <summary>Reads an <c>s32</c>.</summary>
    public static int ReadS32(ComponentVal value, string what) => Expect(value, ComponentValKind.S32, what).AsS32();

    /// <summary>Reads a <c>u32</c>.</summary>
    public static uint ReadU32(ComponentVal value, string what) => Expect(value, ComponentValKind.U32, what).AsU32();

    /// <summary>Reads an <c>s64</c>.</summary>
    public static long ReadS64(ComponentVal value, string what) => Expect(value, ComponentValKind.S64, what).AsS64();

    /// <summary>Reads a <c>u64</c>.</summary>
    public static ulong ReadU64(ComponentVal value, string what) => Expect(value, ComponentValKind.U64, what).AsU64();

    /// <summary>Reads an <c>f32</c>.</summary>
    public static float ReadF32(ComponentVal value, string what) => Expect(value, ComponentValKind.F32, what).AsF32();

    /// <summary>Reads an <c>f64</c>.</summary>
    public static double ReadF64(ComponentVal value, string what) => Expect(value, ComponentValKind.F64, what).AsF64();

    /// <summary>Reads a <c>char</c>.</summary>
    public static Rune ReadChar(ComponentVal value, string what) => Expect(value, ComponentValKind.Char, what).AsChar();

    /// <summary>Reads a <c>string</c> (Wasmtime checked its UTF-8 when it lifted it).</summary>
    public static string ReadString(ComponentVal value, string what) => Expect(value, ComponentValKind.String, what).AsString();

    /// <summary>Reads a <c>list&lt;u8&gt;</c>.</summary>
    public static byte[] ReadBytes(ComponentVal value, string what)
    {
        var items = ReadList(value, what);
        var bytes = new byte[items.Length];
        for (var i = 0; i < items.Length; i++) bytes[i] = ReadU8(items[i], what);
        return bytes;
    }

    /// <summary>The elements of a <c>list</c> (valid as long as the value).</summary>
    public static ReadOnlySpan<ComponentVal> ReadList(ComponentVal value, string what) => Expect(value, ComponentValKind.List, what).AsList();

    /// <summary>The elements of a <c>tuple</c>, which must have <paramref name="count"/>.</summary>
    public static ReadOnlySpan<ComponentVal> ReadTuple(ComponentVal value, string what, int count)
    {
        var items = Expect(value, ComponentValKind.Tuple, what).AsTuple();
        if (items.Length != count) throw new ComponentValueException($"{what}: expected a tuple of {count}, got {items.Length} elements");
        return items;
    }

    /// <summary>The fields of a <c>record</c>, which must have <paramref name="count"/>.</summary>
    public static ReadOnlySpan<ComponentRecordField> ReadRecord(ComponentVal value, string what, int count)
    {
        var fields = Expect(value, ComponentValKind.Record, what).AsRecord();
        if (fields.Length != count) throw new ComponentValueException($"{what}: expected a record of {count} fields, got {fields.Length}");
        return fields;
    }

    /// <summary>Reads an <c>option</c>: true and its payload for <c>some</c>.</summary>
    public static bool ReadOption(ComponentVal value, string what, out ComponentVal payload) =>
        Expect(value, ComponentValKind.Option, what).TryGetSome(out payload);

    /// <summary>Reads a <c>result</c>: true for <c>ok</c>; the payload is null when the case has none.</summary>
    public static bool ReadResult(ComponentVal value, string what, out ComponentVal? payload) =>
        Expect(value, ComponentValKind.Result, what).AsResult(out payload);

    /// <summary>Reads a <c>variant</c>: its case name; the payload is null when the case has none.</summary>
    public static string ReadVariant(ComponentVal value, string what, out ComponentVal? payload) =>
        Expect(value, ComponentValKind.Variant, what).AsVariant(out payload);

    /// <summary>The payload a case must have.</summary>
    public static ComponentVal Payload(ComponentVal? payload, string what) =>
        payload ?? throw new ComponentValueException(what + ": the case has no payload, but its type has one");

    /// <summary>The case name of an <c>enum</c>.</summary>
    public static string ReadEnum(ComponentVal value, string what) => Expect(value, ComponentValKind.Enum, what).AsEnum();

    /// <summary>The names of the flags set in a <c>flags</c> value.</summary>
    public static string[] ReadFlags(ComponentVal value, string what) => Expect(value, ComponentValKind.Flags, what).AsFlags();

    private static ComponentVal Expect(ComponentVal value, ComponentValKind kind, string what) =>
        value.Kind == kind ? value : throw new ComponentValueException($"{what}: expected a {kind.ToString().ToLowerInvariant()}, got a {value.Kind.ToString().ToLowerInvariant()}");
}
