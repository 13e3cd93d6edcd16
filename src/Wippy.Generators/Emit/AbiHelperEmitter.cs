using Wippy.Generators.Abi;
using Wippy.Generators.Model;

namespace Wippy.Generators.Emit;

/// <summary>
/// Emits, per WIT type that a namespace's signatures use, the four Canonical ABI helpers:
/// <c>Store_K</c>/<c>Load_K</c> (the value in linear memory at a pointer) and
/// <c>LowerFlat_K</c>/<c>LiftFlat_K</c> (the value as consecutive flat core values).
/// Helpers are emitted on demand, once each, in a stable order.
/// </summary>
internal sealed class AbiHelperEmitter
{
    private const string Call = "ref " + HostApi.CoreCall + " call";
    private const string Raw = HostApi.ValueRaw;

    private readonly string _typeNamespace;
    private readonly HelperSet _helpers = new();

    public AbiHelperEmitter(string typeNamespace) => _typeNamespace = typeNamespace;

    /// <summary>Name of the store helper for <paramref name="type"/>, scheduling its emission.</summary>
    public string Store(TypeModel type) => Request("Store", type);

    public string Load(TypeModel type) => Request("Load", type);

    public string LowerFlat(TypeModel type) => Request("LowerFlat", type);

    public string LiftFlat(TypeModel type) => Request("LiftFlat", type);

    /// <summary>Writes every requested helper (and the helpers those need) into <paramref name="w"/>.</summary>
    public void EmitAll(CodeWriter w) => _helpers.EmitAll(w, (body, kind, type) =>
    {
        switch (kind)
        {
            case "Store": EmitStore(body, type); break;
            case "Load": EmitLoad(body, type); break;
            case "LowerFlat": EmitLowerFlat(body, type); break;
            case "LiftFlat": EmitLiftFlat(body, type); break;
            case "LowerList": EmitListHelpers(body, (ListType)type, lower: true); break;
            default: EmitListHelpers(body, (ListType)type, lower: false); break;
        }
    });

    private string Request(string helper, TypeModel type) => _helpers.Request(helper, type);

    private string Cs(TypeModel t) => TypeNames.Cs(t, _typeNamespace);

    private string In(TypeModel t) => TypeNames.CsLowerInput(t, _typeNamespace);

    private const string Path = HostApi.AbiPath;

    /// <summary>
    /// Emits <paramref name="statements"/> (one per field, element <c>i</c> of each) inside a try whose catch adds the
    /// failing field's path segment to the error; <c>field</c> tracks which one ran. Paths are only built on failure.
    /// </summary>
    private static void EmitGuardedFields(CodeWriter w, IReadOnlyList<string> statements, IReadOnlyList<string> segments, string? after = null, IReadOnlyList<TypeModel>? types = null)
    {
        if (types is not null && !types.Any(CanFail))
        {
            foreach (var statement in statements) w.Line(statement);
            if (after is not null) w.Line(after);
            return;
        }
        w.Line("var field = 0;");
        using (w.Open("try"))
        {
            for (var i = 0; i < statements.Count; i++)
            {
                w.Line(statements[i]);
                if (i + 1 < statements.Count) w.Line($"field = {i + 1};");
            }
            if (after is not null) w.Line(after);
        }
        using (w.Open($"catch ({HostApi.WippyException} exception) when ({Path}.IsAt(exception, what))"))
        {
            var arms = string.Join(", ", segments.Select((seg, i) => i + 1 < segments.Count ? $"{i} => \"{seg}\"" : $"_ => \"{seg}\""));
            w.Line($"throw {Path}.Under(exception, what, field switch {{ {arms} }});");
        }
    }

    /// <summary>False for values that always cross (numbers, bools, flags): their fields need no path bookkeeping.</summary>
    private static bool CanFail(TypeModel t) => t switch
    {
        PrimitiveType p => p.Kind is PrimitiveKind.String or PrimitiveKind.Char,
        FlagsType => false,
        _ => true,
    };

    /// <summary>Emits a loop over <c>i</c> whose failures add <c>[i]</c> to the error's path.</summary>
    private static void EmitGuardedLoop(CodeWriter w, string header, string body)
    {
        w.Line("var i = 0;");
        using (w.Open("try"))
        {
            w.Line($"for (; {header}; i++) {body}");
        }
        using (w.Open($"catch ({HostApi.WippyException} exception) when ({Path}.IsAt(exception, what))"))
        {
            w.Line($"throw {Path}.Under(exception, what, \"[\" + i + \"]\");");
        }
    }

    // ---- memory: store ------------------------------------------------------------------------------

    private void EmitStore(CodeWriter w, TypeModel type)
    {
        w.Line($"/// <summary>Writes a <c>{CodeWriter.Escape(WitSpelling.Of(type))}</c> ({AbiLayout.Size(type)} bytes, align {AbiLayout.Alignment(type)}) at <paramref name=\"ptr\"/>.</summary>");
        using (w.Open($"internal static void Store_{TypeNames.Key(type)}({Call}, uint ptr, {In(type)} value, string what)"))
        {
            switch (type)
            {
                case PrimitiveType { Kind: PrimitiveKind.String }:
                    w.Line("call.LowerString(value, what, out var p, out var n);");
                    w.Line("call.StoreU32(ptr, p);");
                    w.Line("call.StoreU32(ptr + 4, n);");
                    break;
                case PrimitiveType p:
                    w.Line(StorePrimitive(p.Kind, "ptr", "value"));
                    break;
                case ListType l:
                    w.Line($"var (p, n) = {LowerList(l)}(ref call, value, what);");
                    w.Line("call.StoreU32(ptr, p);");
                    w.Line("call.StoreU32(ptr + 4, n);");
                    break;
                case TupleType t:
                    EmitStoreFields(w, t.Elements.Select((e, i) => (e, $"value.Item{i + 1}", $"[{i}]")).ToList());
                    break;
                case RecordType r:
                    w.Line("if (value is null) throw call.Invalid(what + \": expected a record, got null\");");
                    EmitStoreFields(w, r.Fields.Select(f => (f.Type, "value." + f.CsName, "." + f.WitName)).ToList());
                    break;
                case FlagsType f:
                    w.Line(StoreUnsigned(AbiLayout.FlagsSize(f.Flags.Count), "ptr", "(uint)value"));
                    break;
                default:
                    EmitStoreVariant(w, type);
                    break;
            }
        }
    }

    private void EmitStoreFields(CodeWriter w, IReadOnlyList<(TypeModel Type, string Access, string Path)> fields)
    {
        var offsets = AbiLayout.FieldOffsets(fields.Select(f => f.Type));
        EmitGuardedFields(w,
            fields.Select((f, i) => $"{Store(f.Type)}(ref call, ptr + {offsets[i]}, {f.Access}, what);").ToList(),
            fields.Select(f => f.Path).ToList(), types: fields.Select(f => f.Type).ToList());
    }

    private void EmitStoreVariant(CodeWriter w, TypeModel type)
    {
        var cases = AbiLayout.CasesOf(type);
        var discSize = AbiLayout.DiscriminantSize(cases.Count);
        var payload = AbiLayout.PayloadOffset(cases);
        foreach (var (index, access, payloadType) in VariantArms(type))
        {
            using (w.Open(access.Condition))
            {
                w.Line(StoreUnsigned(discSize, "ptr", index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "u"));
                if (payloadType is not null) w.Line($"{Store(payloadType)}(ref call, ptr + {payload}, {access.Payload}, what);");
                w.Line("return;");
            }
        }
        EmitNoCaseMatched(w, type);
    }

    // ---- memory: load -------------------------------------------------------------------------------

    private void EmitLoad(CodeWriter w, TypeModel type)
    {
        w.Line($"/// <summary>Reads a <c>{CodeWriter.Escape(WitSpelling.Of(type))}</c> at <paramref name=\"ptr\"/>, checking everything the guest wrote.</summary>");
        using (w.Open($"internal static {Cs(type)} Load_{TypeNames.Key(type)}({Call}, uint ptr, string what)"))
        {
            switch (type)
            {
                case PrimitiveType p:
                    w.Line("return " + LoadPrimitive(p.Kind, "ptr") + ";");
                    break;
                case ListType l:
                    w.Line($"return {LiftList(l)}(ref call, call.LoadU32(ptr), call.LoadU32(ptr + 4), what);");
                    break;
                case TupleType t:
                {
                    var offsets = AbiLayout.FieldOffsets(t.Elements);
                    var names = t.Elements.Select((_, i) => $"item{i}").ToList();
                    EmitGuardedFields(w,
                        t.Elements.Select((e, i) => $"var {names[i]} = {Load(e)}(ref call, ptr + {offsets[i]}, what);").ToList(),
                        t.Elements.Select((_, i) => $"[{i}]").ToList(),
                        t.Elements.Count == 1 ? $"return new {Cs(type)}({names[0]});" : "return (" + string.Join(", ", names) + ");",
                        t.Elements);
                    break;
                }
                case RecordType r:
                {
                    var offsets = AbiLayout.FieldOffsets(r.Fields.Select(f => f.Type));
                    var names = r.Fields.Select((_, i) => $"field{i}").ToList();
                    EmitGuardedFields(w,
                        r.Fields.Select((f, i) => $"var {names[i]} = {Load(f.Type)}(ref call, ptr + {offsets[i]}, what);").ToList(),
                        r.Fields.Select(f => "." + f.WitName).ToList(),
                        $"return new {Cs(type)}({string.Join(", ", names)});",
                        r.Fields.Select(f => f.Type).ToList());
                    break;
                }
                case FlagsType f:
                    w.Line($"return ({Cs(type)})({LoadUnsigned(AbiLayout.FlagsSize(f.Flags.Count), "ptr")} & {FlagsMask(f)});");
                    break;
                default:
                {
                    var cases = AbiLayout.CasesOf(type);
                    w.Line($"var discriminant = {LoadUnsigned(AbiLayout.DiscriminantSize(cases.Count), "ptr")};");
                    var payload = AbiLayout.PayloadOffset(cases);
                    EmitVariantConstruction(w, type, t => $"{Load(t)}(ref call, ptr + {payload}, what)");
                    break;
                }
            }
        }
    }

    // ---- flat: lower --------------------------------------------------------------------------------

    private void EmitLowerFlat(CodeWriter w, TypeModel type)
    {
        var flat = AbiLayout.Flatten(type);
        w.Line($"/// <summary>Lowers a <c>{CodeWriter.Escape(WitSpelling.Of(type))}</c> into {flat.Count} flat value(s) [{string.Join(", ", flat).ToLowerInvariant()}] from <paramref name=\"at\"/>.</summary>");
        using (w.Open($"internal static void LowerFlat_{TypeNames.Key(type)}({Call}, {In(type)} value, global::System.Span<{Raw}> flat, int at, string what)"))
        {
            switch (type)
            {
                case PrimitiveType { Kind: PrimitiveKind.String }:
                    w.Line("call.LowerString(value, what, out var p, out var n);");
                    w.Line("flat[at].I32 = (int)p;");
                    w.Line("flat[at + 1].I32 = (int)n;");
                    break;
                case PrimitiveType p:
                    w.Line("flat[at]." + FlatField(p.Kind) + " = " + ToFlat(p.Kind, "value") + ";");
                    break;
                case ListType l:
                {
                    w.Line($"var (p, n) = {LowerList(l)}(ref call, value, what);");
                    w.Line("flat[at].I32 = (int)p;");
                    w.Line("flat[at + 1].I32 = (int)n;");
                    break;
                }
                case TupleType t:
                    EmitLowerFlatFields(w, t.Elements.Select((e, i) => (e, $"value.Item{i + 1}", $"[{i}]")).ToList());
                    break;
                case RecordType r:
                    w.Line("if (value is null) throw call.Invalid(what + \": expected a record, got null\");");
                    EmitLowerFlatFields(w, r.Fields.Select(f => (f.Type, "value." + f.CsName, "." + f.WitName)).ToList());
                    break;
                case FlagsType:
                    w.Line("flat[at].I32 = (int)(uint)value;");
                    break;
                default:
                    // Variant: discriminant, then the case's payload in the joined slots. The caller zeroed the
                    // slots, so writing a narrower field (i32 or f32 into an i64 slot) is the ABI's zero-extension.
                    foreach (var (index, access, payloadType) in VariantArms(type))
                    {
                        using (w.Open(access.Condition))
                        {
                            w.Line($"flat[at].I32 = {index};");
                            if (payloadType is not null) w.Line($"{LowerFlat(payloadType)}(ref call, {access.Payload}, flat, at + 1, what);");
                            w.Line("return;");
                        }
                    }
                    EmitNoCaseMatched(w, type);
                    break;
            }
        }
    }

    private void EmitLowerFlatFields(CodeWriter w, IReadOnlyList<(TypeModel Type, string Access, string Path)> fields)
    {
        var at = 0;
        var statements = new List<string>();
        foreach (var f in fields)
        {
            statements.Add($"{LowerFlat(f.Type)}(ref call, {f.Access}, flat, at + {at}, what);");
            at += AbiLayout.Flatten(f.Type).Count;
        }
        EmitGuardedFields(w, statements, fields.Select(f => f.Path).ToList(), types: fields.Select(f => f.Type).ToList());
    }

    // ---- flat: lift ---------------------------------------------------------------------------------

    private void EmitLiftFlat(CodeWriter w, TypeModel type)
    {
        var flat = AbiLayout.Flatten(type);
        w.Line($"/// <summary>Lifts a <c>{CodeWriter.Escape(WitSpelling.Of(type))}</c> from {flat.Count} flat value(s) at <paramref name=\"at\"/>.</summary>");
        using (w.Open($"internal static {Cs(type)} LiftFlat_{TypeNames.Key(type)}({Call}, global::System.ReadOnlySpan<{Raw}> flat, int at, string what)"))
        {
            switch (type)
            {
                case PrimitiveType { Kind: PrimitiveKind.String }:
                    w.Line("return call.LiftString((uint)flat[at].I32, (uint)flat[at + 1].I32, what);");
                    break;
                case PrimitiveType p:
                    w.Line("return " + FromFlat(p.Kind, "flat[at]") + ";");
                    break;
                case ListType l:
                    w.Line($"return {LiftList(l)}(ref call, (uint)flat[at].I32, (uint)flat[at + 1].I32, what);");
                    break;
                case TupleType t:
                {
                    var names = t.Elements.Select((_, i) => $"item{i}").ToList();
                    EmitGuardedFields(w,
                        LiftFlatFields(t.Elements).Select((e, i) => $"var {names[i]} = {e};").ToList(),
                        t.Elements.Select((_, i) => $"[{i}]").ToList(),
                        t.Elements.Count == 1 ? $"return new {Cs(type)}({names[0]});" : "return (" + string.Join(", ", names) + ");",
                        t.Elements);
                    break;
                }
                case RecordType r:
                {
                    var names = r.Fields.Select((_, i) => $"field{i}").ToList();
                    EmitGuardedFields(w,
                        LiftFlatFields(r.Fields.Select(f => f.Type).ToList()).Select((e, i) => $"var {names[i]} = {e};").ToList(),
                        r.Fields.Select(f => "." + f.WitName).ToList(),
                        $"return new {Cs(type)}({string.Join(", ", names)});",
                        r.Fields.Select(f => f.Type).ToList());
                    break;
                }
                case FlagsType f:
                    w.Line($"return ({Cs(type)})((uint)flat[at].I32 & {FlagsMask(f)});");
                    break;
                default:
                    // Reading a narrower field of a joined slot is the ABI's wrap (i64 → i32) and bitcast (i32 → f32).
                    w.Line("var discriminant = (uint)flat[at].I32;");
                    EmitVariantConstruction(w, type, t => $"{LiftFlat(t)}(ref call, flat, at + 1, what)");
                    break;
            }
        }
    }

    private List<string> LiftFlatFields(IReadOnlyList<TypeModel> fields)
    {
        var items = new List<string>();
        var at = 0;
        foreach (var f in fields)
        {
            items.Add($"{LiftFlat(f)}(ref call, flat, at + {at}, what)");
            at += AbiLayout.Flatten(f).Count;
        }
        return items;
    }

    // ---- variants -----------------------------------------------------------------------------------

    /// <summary>Emits a switch on <c>discriminant</c> that builds the C# value; a bad discriminant fails the call.</summary>
    private void EmitVariantConstruction(CodeWriter w, TypeModel type, Func<TypeModel, string> payloadOf)
    {
        var count = AbiLayout.CasesOf(type).Count;
        using (w.Open("switch (discriminant)"))
        {
            switch (type)
            {
                case OptionType o:
                    w.Line("case 0: return default;");
                    w.Line(o.Inner is OptionType
                        ? $"case 1: return {Cs(type)}.Some({payloadOf(o.Inner)});"
                        : $"case 1: return {payloadOf(o.Inner)};");
                    break;
                case ResultType r:
                    w.Line($"case 0: return {Cs(type)}.Ok({(r.Ok is null ? "default" : payloadOf(r.Ok))});");
                    w.Line($"case 1: return {Cs(type)}.Err({(r.Err is null ? "default" : payloadOf(r.Err))});");
                    break;
                case EnumType e:
                    for (var i = 0; i < e.Cases.Count; i++) w.Line($"case {i}: return {Cs(type)}.{e.Cases[i].CsName};");
                    break;
                case VariantType v:
                    for (var i = 0; i < v.Cases.Count; i++)
                    {
                        var c = v.Cases[i];
                        w.Line($"case {i}: return new {Cs(type)}.{c.CsName}({(c.Payload is null ? "" : payloadOf(c.Payload))});");
                    }
                    break;
            }
            w.Line($"default: throw call.BadDiscriminant(discriminant, {count}, what);");
        }
    }

    /// <summary>After the case arms: options and results always match an arm, enums and variants may not.</summary>
    private static void EmitNoCaseMatched(CodeWriter w, TypeModel type)
    {
        if (type is EnumType e) w.Line($"throw call.Invalid(what + \": \" + value + \" is not a case of {e.WitName}\");");
        else if (type is VariantType v) w.Line($"throw call.Invalid(what + (value is null ? \": expected a {v.WitName}, got null\" : \": not a case of {v.WitName}\"));");
    }

    private readonly record struct Arm(string Condition, string Payload);

    /// <summary>For each case of a variant-like type: its index, how to test a C# value for it, and its payload type.</summary>
    private IEnumerable<(int Index, Arm Access, TypeModel? Payload)> VariantArms(TypeModel type)
    {
        switch (type)
        {
            case OptionType o:
                if (o.Inner is OptionType)
                {
                    yield return (0, new Arm("if (!value.HasValue)", ""), null);
                    yield return (1, new Arm("else", "value.Value"), o.Inner);
                }
                else
                {
                    yield return (0, new Arm("if (value is null)", ""), null);
                    yield return (1, new Arm("else", IsValueType(o.Inner) ? "value.Value" : "value"), o.Inner);
                }
                yield break;
            case ResultType r:
                yield return (0, new Arm("if (value.IsOk)", "value.Value"), r.Ok);
                yield return (1, new Arm("else", "value.Error"), r.Err);
                yield break;
            case EnumType e:
                for (var i = 0; i < e.Cases.Count; i++) yield return (i, new Arm($"if (value == {Cs(type)}.{e.Cases[i].CsName})", ""), null);
                yield break;
            case VariantType v:
                for (var i = 0; i < v.Cases.Count; i++)
                {
                    var c = v.Cases[i];
                    yield return c.Payload is null
                        ? (i, new Arm($"if (value is {Cs(type)}.{c.CsName})", ""), null)
                        : (i, new Arm($"if (value is {Cs(type)}.{c.CsName} case{i})", $"case{i}.Value"), c.Payload);
                }
                yield break;
        }
    }

    // ---- lists --------------------------------------------------------------------------------------

    /// <summary>Name of the helper lowering a list into guest memory; returns (pointer, element count).</summary>
    private string LowerList(ListType l) => Request("LowerList", l);

    private string LiftList(ListType l) => Request("LiftList", l);

    internal void EmitListHelpers(CodeWriter w, ListType l, bool lower)
    {
        var e = l.Element;
        var size = AbiLayout.Size(e);
        var align = AbiLayout.Alignment(e);
        if (lower)
        {
            w.Line($"/// <summary>Copies a <c>{CodeWriter.Escape(WitSpelling.Of(l))}</c> into memory allocated with <c>cabi_realloc</c>.</summary>");
            using (w.Open($"internal static (uint Ptr, uint Count) LowerList_{TypeNames.Key(l)}({Call}, {In(l)} value, string what)"))
            {
                if (e is PrimitiveType { Kind: PrimitiveKind.U8 })
                {
                    w.Line("return call.LowerBytes(value.Span, what);");
                }
                else if (IsBulkScalar(e))
                {
                    w.Line("if (value is null) throw call.Invalid(what + \": expected a list, got null\");");
                    w.Line($"return call.LowerScalars<{Cs(e)}>(value, what);");
                }
                else
                {
                    w.Line("if (value is null) throw call.Invalid(what + \": expected a list, got null\");");
                    w.Line($"var ptr = call.AllocList(value.Count, {size}, {align}, what);");
                    EmitGuardedLoop(w, "i < value.Count", $"{Store(e)}(ref call, ptr + (uint)(i * {size}), value[i], what);");
                    w.Line("return (ptr, (uint)value.Count);");
                }
            }
        }
        else
        {
            w.Line($"/// <summary>Reads a <c>{CodeWriter.Escape(WitSpelling.Of(l))}</c> the guest returned, after checking its alignment and bounds.</summary>");
            using (w.Open($"internal static {Cs(l)} LiftList_{TypeNames.Key(l)}({Call}, uint ptr, uint count, string what)"))
            {
                if (e is PrimitiveType { Kind: PrimitiveKind.U8 })
                {
                    w.Line("return call.LiftBytes(ptr, count, what);");
                }
                else if (IsBulkScalar(e))
                {
                    w.Line($"return call.LiftScalars<{Cs(e)}>(ptr, count, what);");
                }
                else
                {
                    w.Line($"call.CheckList(ptr, count, {size}, {align}, what);");
                    w.Line($"var items = new {TypeNames.NewArray(e, "count", _typeNamespace)};");
                    EmitGuardedLoop(w, "i < count", $"items[i] = {Load(e)}(ref call, ptr + (uint)i * {size}, what);");
                    w.Line("return items;");
                }
            }
        }
    }

    // ---- primitives ---------------------------------------------------------------------------------

    private static bool IsBulkScalar(TypeModel t) => t is PrimitiveType p && p.Kind is not (PrimitiveKind.Bool or PrimitiveKind.Char or PrimitiveKind.String);

    private static bool IsValueType(TypeModel t) => !TypeNames.IsReference(t);

    private static string FlagsMask(FlagsType f) => f.Flags.Count >= 32 ? "0xFFFFFFFFu" : "0x" + ((1u << f.Flags.Count) - 1).ToString("X", System.Globalization.CultureInfo.InvariantCulture) + "u";

    private static string StoreUnsigned(int size, string ptr, string value) => size switch
    {
        1 => $"call.StoreU8({ptr}, (byte){value});",
        2 => $"call.StoreU16({ptr}, (ushort){value});",
        _ => $"call.StoreU32({ptr}, (uint){value});",
    };

    private static string LoadUnsigned(int size, string ptr) => size switch
    {
        1 => $"(uint)call.LoadU8({ptr})",
        2 => $"(uint)call.LoadU16({ptr})",
        _ => $"call.LoadU32({ptr})",
    };

    private static string StorePrimitive(PrimitiveKind kind, string ptr, string value) => kind switch
    {
        PrimitiveKind.Bool => $"call.StoreU8({ptr}, {value} ? (byte)1 : (byte)0);",
        PrimitiveKind.S8 => $"call.StoreU8({ptr}, (byte){value});",
        PrimitiveKind.U8 => $"call.StoreU8({ptr}, {value});",
        PrimitiveKind.S16 => $"call.StoreU16({ptr}, (ushort){value});",
        PrimitiveKind.U16 => $"call.StoreU16({ptr}, {value});",
        PrimitiveKind.S32 => $"call.StoreU32({ptr}, (uint){value});",
        PrimitiveKind.U32 => $"call.StoreU32({ptr}, {value});",
        PrimitiveKind.S64 => $"call.StoreU64({ptr}, (ulong){value});",
        PrimitiveKind.U64 => $"call.StoreU64({ptr}, {value});",
        PrimitiveKind.F32 => $"call.StoreF32({ptr}, {value});",
        PrimitiveKind.F64 => $"call.StoreF64({ptr}, {value});",
        PrimitiveKind.Char => $"call.StoreU32({ptr}, (uint){value}.Value);",
        _ => throw new NotSupportedException(kind.ToString()),
    };

    private static string LoadPrimitive(PrimitiveKind kind, string ptr) => kind switch
    {
        PrimitiveKind.Bool => $"call.LoadU8({ptr}) != 0",
        PrimitiveKind.S8 => $"(sbyte)call.LoadU8({ptr})",
        PrimitiveKind.U8 => $"call.LoadU8({ptr})",
        PrimitiveKind.S16 => $"(short)call.LoadU16({ptr})",
        PrimitiveKind.U16 => $"call.LoadU16({ptr})",
        PrimitiveKind.S32 => $"(int)call.LoadU32({ptr})",
        PrimitiveKind.U32 => $"call.LoadU32({ptr})",
        PrimitiveKind.S64 => $"(long)call.LoadU64({ptr})",
        PrimitiveKind.U64 => $"call.LoadU64({ptr})",
        PrimitiveKind.F32 => $"call.LoadF32({ptr})",
        PrimitiveKind.F64 => $"call.LoadF64({ptr})",
        PrimitiveKind.Char => $"call.LiftChar(call.LoadU32({ptr}), what)",
        _ => $"call.LiftString(call.LoadU32({ptr}), call.LoadU32({ptr} + 4), what)",
    };

    /// <summary>The <c>ValueRaw</c> field a primitive's single flat value uses.</summary>
    private static string FlatField(PrimitiveKind kind) => kind switch
    {
        PrimitiveKind.S64 or PrimitiveKind.U64 => "I64",
        PrimitiveKind.F32 => "F32",
        PrimitiveKind.F64 => "F64",
        _ => "I32",
    };

    private static string ToFlat(PrimitiveKind kind, string value) => kind switch
    {
        PrimitiveKind.Bool => $"{value} ? 1 : 0",
        PrimitiveKind.S8 or PrimitiveKind.S16 or PrimitiveKind.S32 => $"{value}",
        PrimitiveKind.U8 or PrimitiveKind.U16 => $"{value}",
        PrimitiveKind.U32 => $"(int){value}",
        PrimitiveKind.S64 => value,
        PrimitiveKind.U64 => $"(long){value}",
        PrimitiveKind.Char => $"{value}.Value",
        _ => value,
    };

    /// <summary>The ABI lifts small integers by wrapping the i32 (no trap), bools as "non-zero", chars with a range check.</summary>
    private static string FromFlat(PrimitiveKind kind, string slot) => kind switch
    {
        PrimitiveKind.Bool => $"{slot}.I32 != 0",
        PrimitiveKind.S8 => $"(sbyte){slot}.I32",
        PrimitiveKind.U8 => $"(byte){slot}.I32",
        PrimitiveKind.S16 => $"(short){slot}.I32",
        PrimitiveKind.U16 => $"(ushort){slot}.I32",
        PrimitiveKind.S32 => $"{slot}.I32",
        PrimitiveKind.U32 => $"(uint){slot}.I32",
        PrimitiveKind.S64 => $"{slot}.I64",
        PrimitiveKind.U64 => $"(ulong){slot}.I64",
        PrimitiveKind.F32 => $"{slot}.F32",
        PrimitiveKind.F64 => $"{slot}.F64",
        PrimitiveKind.Char => $"call.LiftChar((uint){slot}.I32, what)",
        _ => throw new NotSupportedException(kind.ToString()),
    };
}
