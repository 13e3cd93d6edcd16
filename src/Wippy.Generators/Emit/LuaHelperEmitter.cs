using Wippy.Generators.Model;

namespace Wippy.Generators.Emit;

/// <summary>
/// Emits, per WIT type, a reader from a Lua stack slot and a pusher onto the Lua stack, with the mapping of docs/values.md
/// (records as tables keyed by WIT field names, snake_case accepted on input; arrays for lists and tuples; strings for
/// <c>list&lt;u8&gt;</c>; value or nil for options; case names for enums; arrays of names for flags;
/// <c>{case = payload}</c> for variants, <c>{case = true}</c> without payload; <c>{ok = v}</c>/<c>{err = e}</c> for a
/// result inside a value). Used by <c>funcs.call</c> from Lua. Readers take absolute stack indexes and throw Invalid
/// errors naming the path of the bad value (Lua paths count from 1).
/// </summary>
internal sealed class LuaHelperEmitter
{
    private const string Lua = HostApi.LuaValues;

    private readonly string _typeNamespace;
    private readonly HelperSet _helpers = new();

    public LuaHelperEmitter(string typeNamespace) => _typeNamespace = typeNamespace;

    public string Read(TypeModel type) => _helpers.Request("LuaRead", type);

    public string Push(TypeModel type) => _helpers.Request("LuaPush", type);

    public void EmitAll(CodeWriter w) => _helpers.EmitAll(w, (body, kind, type) =>
    {
        if (kind == "LuaRead") EmitRead(body, type);
        else EmitPush(body, type);
    });

    private string Cs(TypeModel t) => TypeNames.Cs(t, _typeNamespace);

    /// <summary>A field name as a NUL-terminated UTF-8 literal, and its snake_case spelling when that differs (or an empty span).</summary>
    private static (string Name, string Alternative) Keys(string witName)
    {
        var snake = witName.Replace('-', '_');
        return ($"\"{witName}\"u8", snake == witName ? "default" : $"\"{snake}\"u8");
    }

    /// <summary>Reads the value at the (absolute) index held in <paramref name="slot"/>, popping it afterwards.</summary>
    private void ReadPushed(CodeWriter w, string target, TypeModel type, string slot, string what)
    {
        using (w.Open("try"))
        {
            w.Line($"{target} = {Read(type)}(L, {slot}, {what});");
        }
        w.Line($"finally {{ {Lua}.Pop(L); }}");
    }

    private void EmitRead(CodeWriter w, TypeModel type)
    {
        using (w.Open($"internal static {Cs(type)} LuaRead_{TypeNames.Key(type)}(nint L, int index, string what)"))
        {
            switch (type)
            {
                case PrimitiveType p:
                    w.Line($"return {Lua}.Read{p.Kind}(L, index, what);");
                    break;
                case ResourceType r:
                    w.Line($"return {Lua}.ReadResource<{Cs(type)}>(L, index, what, {Literals.String(r.WitName)});");
                    break;
                case ListType { Element: PrimitiveType { Kind: PrimitiveKind.U8 } }:
                    w.Line($"return {Lua}.ReadBytes(L, index, what);");
                    break;
                case ListType l:
                    w.Line($"{Lua}.ExpectTable(L, index, what);");
                    w.Line($"var n = {Lua}.Length(L, index);");
                    w.Line($"var items = new {TypeNames.NewArray(l.Element, "n", _typeNamespace)};");
                    w.Line($"{Lua}.Reserve(L, 2);");
                    using (w.Open("for (var i = 0; i < n; i++)"))
                    {
                        w.Line($"var slot = {Lua}.PushItem(L, index, i + 1);");
                        ReadPushed(w, "items[i]", l.Element, "slot", "what + \"[\" + (i + 1) + \"]\"");
                    }
                    w.Line("return items;");
                    break;
                case OptionType o:
                    w.Line($"if ({Lua}.IsNil(L, index)) return default;");
                    w.Line(o.Inner is OptionType
                        ? $"return {Cs(type)}.Some({Read(o.Inner)}(L, index, what));"
                        : $"return {Read(o.Inner)}(L, index, what);");
                    break;
                case ResultType r:
                {
                    w.Line($"var name = {Lua}.ReadCase(L, index, what, out var payload);");
                    using (w.Open("try"))
                    {
                        w.Line($"if (name == \"ok\") return {Cs(type)}.Ok({(r.Ok is null ? "default" : $"{Read(r.Ok)}(L, payload, what + \".ok\")")});");
                        w.Line($"if (name == \"err\") return {Cs(type)}.Err({(r.Err is null ? "default" : $"{Read(r.Err)}(L, payload, what + \".err\")")});");
                        w.Line($"throw {Lua}.Invalid(what, \"expected {{ok = ...}} or {{err = ...}}, got the key '\" + name + \"'\");");
                    }
                    w.Line($"finally {{ {Lua}.Pop(L); }}");
                    break;
                }
                case TupleType t:
                {
                    w.Line($"{Lua}.ExpectTable(L, index, what);");
                    w.Line($"if ({Lua}.Length(L, index) != {t.Elements.Count}) throw {Lua}.Invalid(what, \"expected an array of {t.Elements.Count} values\");");
                    w.Line($"{Lua}.Reserve(L, 2);");
                    for (var i = 0; i < t.Elements.Count; i++)
                    {
                        w.Line($"{Cs(t.Elements[i])} item{i};");
                        w.Line($"var slot{i} = {Lua}.PushItem(L, index, {i + 1});");
                        ReadPushed(w, $"item{i}", t.Elements[i], $"slot{i}", $"what + \"[{i + 1}]\"");
                    }
                    var items = Enumerable.Range(0, t.Elements.Count).Select(i => $"item{i}").ToList();
                    w.Line(t.Elements.Count == 1 ? $"return new {Cs(type)}(item0);" : "return (" + string.Join(", ", items) + ");");
                    break;
                }
                case RecordType r:
                    w.Line($"{Lua}.ExpectTable(L, index, what);");
                    w.Line($"{Lua}.Reserve(L, 2);");
                    for (var i = 0; i < r.Fields.Count; i++)
                    {
                        var f = r.Fields[i];
                        var (name, alternative) = Keys(f.WitName);
                        w.Line($"{Cs(f.Type)} f{i};");
                        w.Line($"var slot{i} = {Lua}.PushField(L, index, {name}, {alternative});");
                        using (w.Open("try"))
                        {
                            if (f.Type is not OptionType) w.Line($"{Lua}.ExpectPresent(L, slot{i}, what + \".{f.WitName}\");");
                            w.Line($"f{i} = {Read(f.Type)}(L, slot{i}, what + \".{f.WitName}\");");
                        }
                        w.Line($"finally {{ {Lua}.Pop(L); }}");
                    }
                    w.Line($"return new {Cs(type)}({string.Join(", ", Enumerable.Range(0, r.Fields.Count).Select(i => $"f{i}"))});");
                    break;
                case EnumType e:
                    w.Line($"var name = {Lua}.ReadString(L, index, what);");
                    using (w.Open("switch (name)"))
                    {
                        foreach (var c in e.Cases) w.Line($"case \"{c.WitName}\": return {Cs(type)}.{c.CsName};");
                        w.Line($"default: throw {Lua}.Invalid(what, \"expected one of {string.Join(", ", e.Cases.Select(c => c.WitName))}, got '\" + name + \"'\");");
                    }
                    break;
                case FlagsType f:
                    w.Line($"{Lua}.ExpectTable(L, index, what);");
                    w.Line($"var flags = default({Cs(type)});");
                    w.Line($"var n = {Lua}.Length(L, index);");
                    w.Line($"{Lua}.Reserve(L, 2);");
                    using (w.Open("for (var i = 0; i < n; i++)"))
                    {
                        w.Line($"var slot = {Lua}.PushItem(L, index, i + 1);");
                        w.Line("string name;");
                        using (w.Open("try"))
                        {
                            w.Line($"name = {Lua}.ReadString(L, slot, what + \"[\" + (i + 1) + \"]\");");
                        }
                        w.Line($"finally {{ {Lua}.Pop(L); }}");
                        using (w.Open("switch (name)"))
                        {
                            foreach (var c in f.Flags) w.Line($"case \"{c.WitName}\": flags |= {Cs(type)}.{c.CsName}; break;");
                            w.Line($"default: throw {Lua}.Invalid(what, \"expected flags among {string.Join(", ", f.Flags.Select(c => c.WitName))}, got '\" + name + \"'\");");
                        }
                    }
                    w.Line("return flags;");
                    break;
                case VariantType v:
                    w.Line($"var name = {Lua}.ReadCase(L, index, what, out var payload);");
                    using (w.Open("try"))
                    {
                        using (w.Open("switch (name)"))
                        {
                            foreach (var c in v.Cases)
                            {
                                w.Line(c.Payload is null
                                    ? $"case \"{c.WitName}\": return new {Cs(type)}.{c.CsName}();"
                                    : $"case \"{c.WitName}\": return new {Cs(type)}.{c.CsName}({Read(c.Payload)}(L, payload, what + \".{c.WitName}\"));");
                            }
                            w.Line($"default: throw {Lua}.Invalid(what, \"expected one of the cases {string.Join(", ", v.Cases.Select(c => c.WitName))}, got '\" + name + \"'\");");
                        }
                    }
                    w.Line($"finally {{ {Lua}.Pop(L); }}");
                    break;
            }
        }
    }

    private void EmitPush(CodeWriter w, TypeModel type)
    {
        using (w.Open($"internal static void LuaPush_{TypeNames.Key(type)}(nint L, {Cs(type)} value)"))
        {
            switch (type)
            {
                case PrimitiveType p:
                    w.Line($"{Lua}.Push{p.Kind}(L, value);");
                    break;
                case ResourceType:
                    w.Line($"{Lua}.PushResource(L, value);");
                    break;
                case ListType { Element: PrimitiveType { Kind: PrimitiveKind.U8 } }:
                    w.Line($"{Lua}.PushBytes(L, value);");
                    break;
                case ListType l:
                    w.Line($"var table = {Lua}.PushTable(L, value.Length, 0);");
                    using (w.Open("for (var i = 0; i < value.Length; i++)"))
                    {
                        w.Line($"{Push(l.Element)}(L, value[i]);");
                        w.Line($"{Lua}.SetItem(L, table, i + 1);");
                    }
                    break;
                case OptionType o:
                    if (o.Inner is OptionType) w.Line($"if (value.HasValue) {Push(o.Inner)}(L, value.Value); else {Lua}.PushNil(L);");
                    else if (TypeNames.IsReference(o.Inner)) w.Line($"if (value is not null) {Push(o.Inner)}(L, value); else {Lua}.PushNil(L);");
                    else w.Line($"if (value.HasValue) {Push(o.Inner)}(L, value.Value); else {Lua}.PushNil(L);");
                    break;
                case ResultType r:
                    w.Line($"var table = {Lua}.PushTable(L, 0, 1);");
                    using (w.Open("if (value.IsOk)"))
                    {
                        w.Line(r.Ok is null ? $"{Lua}.PushBool(L, true);" : $"{Push(r.Ok)}(L, value.Value);");
                        w.Line($"{Lua}.SetField(L, table, \"ok\"u8);");
                    }
                    using (w.Open("else"))
                    {
                        w.Line(r.Err is null ? $"{Lua}.PushBool(L, true);" : $"{Push(r.Err)}(L, value.Error);");
                        w.Line($"{Lua}.SetField(L, table, \"err\"u8);");
                    }
                    break;
                case TupleType t:
                    w.Line($"var table = {Lua}.PushTable(L, {t.Elements.Count}, 0);");
                    for (var i = 0; i < t.Elements.Count; i++)
                    {
                        w.Line($"{Push(t.Elements[i])}(L, value.Item{i + 1});");
                        w.Line($"{Lua}.SetItem(L, table, {i + 1});");
                    }
                    break;
                case RecordType r:
                    w.Line($"var table = {Lua}.PushTable(L, 0, {r.Fields.Count});");
                    foreach (var f in r.Fields)
                    {
                        w.Line($"{Push(f.Type)}(L, value.{f.CsName});");
                        w.Line($"{Lua}.SetField(L, table, \"{f.WitName}\"u8);");
                    }
                    break;
                case EnumType e:
                    using (w.Open("switch (value)"))
                    {
                        foreach (var c in e.Cases) w.Line($"case {Cs(type)}.{c.CsName}: {Lua}.PushString(L, \"{c.WitName}\"); break;");
                        w.Line($"default: {Lua}.PushS32(L, (int)value); break;");
                    }
                    break;
                case FlagsType f:
                    w.Line($"var table = {Lua}.PushTable(L, {f.Flags.Count}, 0);");
                    w.Line("var n = 0;");
                    foreach (var c in f.Flags)
                    {
                        w.Line($"if ((value & {Cs(type)}.{c.CsName}) != 0) {{ {Lua}.PushString(L, \"{c.WitName}\"); {Lua}.SetItem(L, table, ++n); }}");
                    }
                    break;
                case VariantType v:
                    w.Line($"var table = {Lua}.PushTable(L, 0, 1);");
                    using (w.Open("switch (value)"))
                    {
                        for (var i = 0; i < v.Cases.Count; i++)
                        {
                            var c = v.Cases[i];
                            using (w.Open(c.Payload is null ? $"case {Cs(type)}.{c.CsName}:" : $"case {Cs(type)}.{c.CsName} case{i}:"))
                            {
                                w.Line(c.Payload is null ? $"{Lua}.PushBool(L, true);" : $"{Push(c.Payload)}(L, case{i}.Value);");
                                w.Line($"{Lua}.SetField(L, table, \"{c.WitName}\"u8);");
                                w.Line("break;");
                            }
                        }
                    }
                    break;
            }
        }
    }
}
